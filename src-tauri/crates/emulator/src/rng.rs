//! A small seeded generator (SplitMix64). The fixture and the fault draws must be the same
//! for the same seed on every machine and every version of every dependency, which a
//! general-purpose RNG crate does not promise across releases; SplitMix64 is fixed by its
//! published constants.

#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    #[cfg(test)]
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// A generator for one named purpose, independent of the others drawn from the same
    /// seed (so adding a draw to one part of the fixture does not shift the rest).
    pub fn derive(seed: u64, purpose: &str) -> Self {
        let mut h = seed ^ 0xcbf2_9ce4_8422_2325;
        for b in purpose.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut r = Rng(h);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An id shaped like the platform's (a MongoDB ObjectId: 24 hex digits, the first
    /// eight the creation time in seconds).
    pub fn object_id(&mut self, created_at: i64) -> String {
        let tail = self.next_u64();
        format!("{:08x}{:016x}", created_at as u32, tail)
    }

    /// A bearer token (40 hex digits, the platform's access tokens are opaque strings).
    pub fn token(&mut self) -> String {
        format!(
            "{:016x}{:016x}{:08x}",
            self.next_u64(),
            self.next_u64(),
            self.next_u64() as u32
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_draws_and_ids_look_like_the_platforms() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        let id = Rng::new(1).object_id(1_700_000_000);
        assert_eq!(id.len(), 24);
        assert!(id.starts_with("6553f100"));
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        let mut r = Rng::derive(1, "x");
        assert!((0..1000).map(|_| r.unit()).all(|u| (0.0..1.0).contains(&u)));
    }
}
