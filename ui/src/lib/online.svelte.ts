// Whether the machine has a network. Only connection tests and sync need one; drafting
// works either way, which the status bar makes plain.
export const network = $state({ online: typeof navigator === 'undefined' ? true : navigator.onLine });

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (network.online = true));
  window.addEventListener('offline', () => (network.online = false));
}
