// The account form's values and how they become an API root. The domain presets are the
// two hosts the platform documents; "full address" is for anything else (a proxy, the
// demo platform on this computer). The Rust side validates again and names the field.
import type { AccountFields } from '../bindings/AccountFields.ts';
import type { Environment } from '../bindings/Environment.ts';

export type UrlMode = 'ringcentral' | 'dimelo' | 'full';

export interface AccountDraft {
  label: string;
  environment: Environment;
  mode: UrlMode;
  domain: string;
  fullUrl: string;
  tokenUserEmail: string;
  rateLimit: number;
  /** Typed here only; sent once, never shown again. Empty: keep the stored token. */
  token: string;
}

const HOSTS: Record<Exclude<UrlMode, 'full'>, string> = {
  ringcentral: 'api.digital.ringcentral.com',
  dimelo: 'api.engagement.dimelo.com',
};

export function emptyDraft(): AccountDraft {
  return { label: '', environment: 'sandbox', mode: 'ringcentral', domain: '', fullUrl: '', tokenUserEmail: '', rateLimit: 500, token: '' };
}

/** The API root the draft describes (not validated: the shell does that). */
export function baseUrlOf(d: AccountDraft): string {
  if (d.mode === 'full') return d.fullUrl.trim();
  const domain = d.domain.trim().toLowerCase();
  return domain ? `https://${domain}.${HOSTS[d.mode]}/1.0` : '';
}

/** A stored base URL read back into the form: a documented host becomes its preset. */
export function draftFromUrl(url: string): Pick<AccountDraft, 'mode' | 'domain' | 'fullUrl'> {
  for (const [mode, host] of Object.entries(HOSTS) as [UrlMode, string][]) {
    const m = url.match(new RegExp(`^https://([a-z0-9-]+)\\.${host.replaceAll('.', '\\.')}/1\\.0$`));
    if (m) return { mode, domain: m[1]!, fullUrl: '' };
  }
  return { mode: 'full', domain: '', fullUrl: url };
}

export function fieldsOf(d: AccountDraft, demo = false): AccountFields {
  return {
    label: d.label,
    environment: d.environment,
    baseUrl: baseUrlOf(d),
    tokenUserEmail: d.tokenUserEmail.trim() || null,
    demo,
    rateLimit: d.rateLimit,
  };
}
