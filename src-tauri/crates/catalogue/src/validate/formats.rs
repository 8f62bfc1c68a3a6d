//! Format checks, written by hand: they run for every field of every channel (10,000
//! channels in well under 100 ms) and must accept exactly what the guide describes.

use std::net::IpAddr;

pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
        && domain.contains('.')
        && is_domain(domain)
}

/// A DNS name: labels of letters, digits and inner hyphens; a single label
/// (`localhost`) is allowed, a purely numeric top label is not.
pub fn is_domain(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    let labels_ok = s.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let tld = s.rsplit('.').next().unwrap_or("");
    labels_ok && !tld.chars().all(|c| c.is_ascii_digit())
}

/// A host name or an IP address (v4 or v6, with or without brackets).
pub fn is_host(s: &str) -> bool {
    let bare = s
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .unwrap_or(s);
    bare.parse::<IpAddr>().is_ok() || is_domain(s)
}

/// `http://` or `https://`, a valid host, optional port, then anything without spaces.
pub fn is_url(s: &str) -> bool {
    let rest = match s.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") =>
        {
            rest
        }
        _ => return false,
    };
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if authority.starts_with('[') {
        match authority.split_once(']') {
            Some((h, p)) => (&authority[..h.len() + 1], p.strip_prefix(':')),
            None => return false,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|n| n > 0));
    port_ok && is_host(host)
}

pub fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| (h.len() == 3 || h.len() == 6) && h.chars().all(|c| c.is_ascii_hexdigit()))
}

pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A national number: digits with spaces, dots, dashes or parentheses as separators;
/// returns the number of digits (4 to 14), `None` when it is not a phone number.
pub fn phone_digits(s: &str) -> Option<usize> {
    if !s.chars().all(|c| c.is_ascii_digit() || " .-()".contains(c)) {
        return None;
    }
    let n = s.chars().filter(char::is_ascii_digit).count();
    (4..=14).contains(&n).then_some(n)
}

/// A calling code (`33`, `+1`, `+353`): returns its digit count.
pub fn country_code_digits(s: &str) -> Option<usize> {
    let d = s.strip_prefix('+').unwrap_or(s);
    ((1..=3).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()) && !d.starts_with('0'))
        .then_some(d.len())
}

/// The guide's durations: an integer immediately followed by `h`, `m` or `s`; seconds.
pub fn parse_duration(s: &str) -> Option<u64> {
    let unit = s.chars().last()?;
    let n = &s[..s.len() - unit.len_utf8()];
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) || n.len() > 9 {
        return None;
    }
    let n: u64 = n.parse().ok()?;
    match unit {
        'h' => Some(n * 3600),
        'm' => Some(n * 60),
        's' => Some(n),
        _ => None,
    }
}

/// Twitter user names: optional `@`, 1 to 15 letters, digits or underscores.
/// Digits only (1 to 32 of them): a page id pasted with its URL or a space is caught here
/// rather than by the platform.
pub fn is_numeric_id(s: &str) -> bool {
    (1..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

pub fn is_twitter_user(s: &str) -> bool {
    let u = s.strip_prefix('@').unwrap_or(s);
    (1..=15).contains(&u.len()) && u.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A `data:<type>;base64,<data>` URL: its media type and decoded size (estimated).
pub fn data_url(s: &str) -> Option<(&str, usize)> {
    let rest = s.strip_prefix("data:")?;
    let (meta, data) = rest.split_once(',')?;
    let media = meta.strip_suffix(";base64")?;
    if !data
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=')
    {
        return None;
    }
    let padding = data.chars().rev().take_while(|c| *c == '=').count();
    Some((media, (data.len() / 4 * 3).saturating_sub(padding)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("support@example.com"));
        assert!(is_email("first.last+tag@mail.example.co.uk"));
        for bad in [
            "",
            "a",
            "@example.com",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "a@exa mple.com",
            ".a@b.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn domains_and_hosts() {
        assert!(
            is_domain("example.com") && is_domain("localhost") && is_domain("a-b.example.org.")
        );
        for bad in ["", "-a.com", "a..com", "exa mple.com", "a_b.com", "1.2.3.4"] {
            assert!(!is_domain(bad), "{bad}");
        }
        assert!(
            is_host("imap.example.com")
                && is_host("192.168.1.10")
                && is_host("::1")
                && is_host("[::1]")
        );
        assert!(!is_host("imap example.com") && !is_host("999.1.1.1"));
    }

    #[test]
    fn urls() {
        assert!(is_url("https://example.com"));
        assert!(is_url(
            "http://forum.example.com:8080/mobiquo/mobiquo.php?x=1"
        ));
        assert!(is_url("https://[::1]:443/x"));
        for bad in [
            "",
            "example.com",
            "ftp://example.com",
            "https://",
            "https://exa mple.com",
            "https://a.com:0",
            "https://a.com:99999",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn colours_and_uuids() {
        assert!(is_hex_colour("#1E88E5") && is_hex_colour("#abc"));
        assert!(!is_hex_colour("1E88E5") && !is_hex_colour("#12345") && !is_hex_colour("#GGGGGG"));
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(
            !is_uuid("123e4567e89b12d3a456426614174000")
                && !is_uuid("123e4567-e89b-12d3-a456-42661417400z")
        );
    }

    #[test]
    fn phones_and_country_codes() {
        assert_eq!(phone_digits("6 12 34 56 78"), Some(9));
        assert_eq!(phone_digits("(555) 123-4567"), Some(10));
        assert_eq!(phone_digits("+33 6 12"), None);
        assert_eq!(phone_digits("123"), None);
        assert_eq!(country_code_digits("+33"), Some(2));
        assert_eq!(country_code_digits("1"), Some(1));
        assert_eq!(country_code_digits("+0"), None);
        assert_eq!(country_code_digits("1234"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1h"), Some(3600));
        assert_eq!(parse_duration("2m"), Some(120));
        assert_eq!(parse_duration("30s"), Some(30));
        assert_eq!(parse_duration("0s"), Some(0));
        for bad in ["", "h", "1", "1d", "1h30m", "-1s", " 1s", "1.5h", "1é"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn twitter_users_and_data_urls() {
        assert!(is_twitter_user("@RingCentral") && is_twitter_user("a_b"));
        assert!(
            !is_twitter_user("@")
                && !is_twitter_user("way_too_long_username")
                && !is_twitter_user("a b")
        );
        assert_eq!(
            data_url("data:image/png;base64,AAAA"),
            Some(("image/png", 3))
        );
        assert_eq!(
            data_url("data:image/png;base64,AA=="),
            Some(("image/png", 1))
        );
        assert_eq!(data_url("image.png"), None);
        assert_eq!(data_url("data:image/png,AAAA"), None);
    }
}
