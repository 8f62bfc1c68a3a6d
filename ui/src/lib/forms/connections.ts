// A window event saying a channel's OAuth connections may have changed outside the
// sign-in button (a connection test refreshed a token): `detail` is the channel id, and
// the buttons of that channel reload their "connected as" and health.
export const CONNECTIONS_CHANGED = 'switchboard:connections-changed';
