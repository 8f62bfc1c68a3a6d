// Access tokens generated on this machine (Channel SDK): 32 bytes from the platform's
// cryptographic generator, as 64 hex characters — the same shape as the catalogue's
// `generate_access_token`. Made here so the value only ever travels page → vault.
export function generateToken(random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  const bytes = random(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
