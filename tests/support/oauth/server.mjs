// A real, OpenID-certified authorization server (oidc-provider) for Switchboard's OAuth
// tests, started once per provider shape on 127.0.0.1:0: Google-, Microsoft- and
// RingCentral-like endpoint paths, clients and scopes, so the app's provider registry is
// exercised with only its base URL overridden.
//
//   node tests/support/oauth/server.mjs        → prints one JSON line, then serves:
//   {"google":"http://127.0.0.1:P1","microsoft":"…","ringcentral":"…"}
//
// Its login/consent page is our own (oidc-provider's dev pages load web fonts from the
// internet): one form with a user name and Allow / Deny buttons, which both the scripted
// browser of the fast tests and the real Chromium (browser.mjs) fill in.
// Env: OAUTH_ACCESS_TTL (seconds, default 3600) shortens access tokens for expiry tests;
// OAUTH_TOKEN_LOG names a file where every token issued is appended (one a line), so a
// leak scan knows exactly which strings must never appear in the app's files or replies.
// OAUTH_MINT=1 (the mail harness only) opens `POST /_test/mint` (see `mint` below) and
// `POST /_test/revoke` (every grant of an account).
import http from 'node:http';
import { appendFileSync } from 'node:fs';
import Provider from 'oidc-provider';

// stdout carries the one line of addresses; oidc-provider's notices go to stderr, so a
// harness that stops reading stdout after that line never breaks this process's pipe.
console.log = console.info = console.warn = (...a) => process.stderr.write(a.join(' ') + '\n');

const accessTtl = Number(process.env.OAUTH_ACCESS_TTL || 3600);

// Grants given with Google's `access_type=offline` (Google issues a refresh token for
// those, when the consent screen was shown, instead of an `offline_access` scope).
const googleOffline = new Set();

const SHAPES = {
  google: {
    routes: {
      authorization: '/o/oauth2/v2/auth',
      token: '/token',
      userinfo: '/v1/userinfo',
      revocation: '/revoke',
      introspection: '/tokeninfo',
      jwks: '/oauth2/v3/certs',
    },
    client: {
      client_id: 'google-client',
      client_secret: 'google-secret',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    scopes: [
      'https://www.googleapis.com/auth/youtube.force-ssl',
      'https://www.googleapis.com/auth/business.manage',
    ],
    extraParams: ['access_type'],
    issueRefreshToken: (ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && googleOffline.has(code.grantId),
  },
  microsoft: {
    routes: {
      authorization: '/common/oauth2/v2.0/authorize',
      token: '/common/oauth2/v2.0/token',
      userinfo: '/oidc/userinfo',
      revocation: '/common/oauth2/v2.0/revoke',
      introspection: '/common/oauth2/v2.0/introspect',
      jwks: '/common/discovery/v2.0/keys',
    },
    // Public client: PKCE only, like a desktop app registered with Entra ID.
    client: { client_id: 'microsoft-client', token_endpoint_auth_method: 'none' },
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
    ],
  },
  ringcentral: {
    routes: {
      authorization: '/restapi/oauth/authorize',
      token: '/restapi/oauth/token',
      revocation: '/restapi/oauth/revoke',
      introspection: '/restapi/oauth/introspect',
      userinfo: '/restapi/oauth/userinfo',
      jwks: '/restapi/oauth/jwks',
    },
    client: {
      client_id: 'ringcentral-client',
      client_secret: 'ringcentral-secret',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    // RingCentral's app permissions, asked for as scopes.
    scopes: ['SMS', 'ReadMessages', 'ReadAccounts'],
    issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
  },
};

// A confidential client used only by Dovecot to introspect access tokens (XOAUTH2).
const INTROSPECTOR = {
  client_id: 'dovecot',
  client_secret: 'dovecot-secret',
  token_endpoint_auth_method: 'client_secret_basic',
  redirect_uris: [],
  grant_types: [],
  response_types: [],
};

function account(id) {
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        email: `${id}@example.test`,
        email_verified: true,
        name: id,
        preferred_username: `${id}@example.test`,
      };
    },
  };
}

// Test-only: the tokens of a new grant for an account, without the browser leg. The
// mail harness's XOAUTH2 tests need tokens for the mailbox user; the sign-in itself is
// tested in the oauth crate. Form fields: account, client (default the shape's), scope,
// access_ttl (seconds). Answers {access_token, refresh_token, grant_id} — tokens that
// the provider's own token, introspection and revocation endpoints treat as any other.
async function mint(provider, shape, form) {
  const clientId = form.get('client') || shape.client.client_id;
  const client = await provider.Client.find(clientId);
  const accountId = form.get('account') || 'ada';
  const scope = form.get('scope') || ['openid', 'offline_access', ...shape.scopes].join(' ');
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();
  const at = new provider.AccessToken({ accountId, client, grantId, scope, gty: 'authorization_code' });
  if (form.get('access_ttl')) at.expiresIn = Number(form.get('access_ttl'));
  const accessToken = await at.save();
  const rt = new provider.RefreshToken({
    accountId,
    client,
    grantId,
    scope,
    gty: 'authorization_code',
    rotations: 0,
    iiat: Math.floor(Date.now() / 1000),
  });
  const refreshToken = await rt.save();
  return { access_token: accessToken, refresh_token: refreshToken, grant_id: grantId };
}

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(uid, details) {
  const scopes = String(details.params.scope || '').split(' ').filter(Boolean);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in to ${escape(details.params.client_id)}</h1>
<p id="scopes">${scopes.map(escape).join(', ')}</p>
<form method="post" action="/interaction/${escape(uid)}">
<label>User <input name="username" value="ada"></label>
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function start(name, shape) {
  return new Promise((resolve) => {
    const server = http.createServer();
    server.listen(0, '127.0.0.1', () => {
      const issuer = `http://127.0.0.1:${server.address().port}`;
      const provider = new Provider(issuer, {
        clients: [
          {
            application_type: 'native',
            redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            ...shape.client,
          },
          INTROSPECTOR,
        ],
        routes: shape.routes,
        scopes: ['openid', 'offline_access', ...shape.scopes],
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name', 'preferred_username'],
        },
        extraParams: shape.extraParams || [],
        // Claims in the ID token too: the app names the account from it.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        features: {
          devInteractions: { enabled: false },
          introspection: { enabled: true },
          revocation: { enabled: true },
        },
        findAccount: (ctx, id) => account(id),
        interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
        ...(shape.issueRefreshToken ? { issueRefreshToken: shape.issueRefreshToken } : {}),
        // Every refresh rotates, and a reused refresh token revokes the whole grant.
        rotateRefreshToken: true,
        ttl: { AccessToken: accessTtl },
        cookies: { keys: ['switchboard-oauth-harness'] },
      });
      provider.proxy = false;
      if (process.env.OAUTH_TOKEN_LOG) {
        // Opaque tokens: the value the client receives is the jti.
        for (const event of ['access_token.saved', 'refresh_token.saved', 'authorization_code.saved']) {
          provider.on(event, (t) => appendFileSync(process.env.OAUTH_TOKEN_LOG, `${t.jti}\n`));
        }
      }
      // Refresh tokens issued per account, for `/_test/revoke`.
      const refreshTokens = new Map();
      provider.on('refresh_token.saved', (t) => {
        if (!refreshTokens.has(t.accountId)) refreshTokens.set(t.accountId, new Set());
        refreshTokens.get(t.accountId).add(t.jti);
      });
      const callback = provider.callback();

      server.on('request', async (req, res) => {
        // RingCentral names the account from its extension record, not userinfo.
        if (req.method === 'GET' && req.url.startsWith('/restapi/v1.0/account/~/extension/~')) {
          const token = String(req.headers.authorization || '').replace(/^Bearer /i, '');
          const at = token ? await provider.AccessToken.find(token) : undefined;
          res.setHeader('content-type', 'application/json');
          if (!at) {
            res.statusCode = 401;
            return res.end(JSON.stringify({ errorCode: 'OAU-149', message: 'Invalid token' }));
          }
          return res.end(JSON.stringify({ id: 101, extensionNumber: '101', name: at.accountId }));
        }
        // Test-only: revokes every grant of an account (as its owner would at the
        // provider), for tests that cannot see the refresh token the app holds.
        if (process.env.OAUTH_MINT === '1' && req.method === 'POST' && req.url === '/_test/revoke') {
          const account = (await readForm(req)).get('account');
          let revoked = 0;
          for (const jti of refreshTokens.get(account) ?? []) {
            const rt = await provider.RefreshToken.find(jti, { ignoreExpiration: true });
            if (!rt) continue;
            await Promise.all([
              provider.AccessToken.revokeByGrantId(rt.grantId),
              provider.RefreshToken.revokeByGrantId(rt.grantId),
              provider.Grant.adapter.destroy(rt.grantId),
            ]);
            revoked += 1;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ revoked }));
        }
        if (process.env.OAUTH_MINT === '1' && req.method === 'POST' && req.url === '/_test/mint') {
          try {
            const body = await mint(provider, shape, await readForm(req));
            res.writeHead(200, { 'content-type': 'application/json' });
            return res.end(JSON.stringify(body));
          } catch (e) {
            res.writeHead(400, { 'content-type': 'text/plain' });
            return res.end(`mint failed: ${e.message}`);
          }
        }
        const m = req.url.match(/^\/interaction\/([^/?]+)/);
        if (!m) return callback(req, res);
        try {
          const details = await provider.interactionDetails(req, res);
          if (req.method === 'GET') {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            return res.end(page(details.uid, details));
          }
          const form = await readForm(req);
          if (form.get('decision') !== 'allow') {
            return provider.interactionFinished(
              req,
              res,
              { error: 'access_denied', error_description: 'The user refused.' },
              { mergeWithLastSubmission: false },
            );
          }
          const accountId = form.get('username') || 'ada';
          const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
          grant.addOIDCScope(String(details.params.scope || ''));
          grant.addOIDCClaims(['email', 'name', 'preferred_username']);
          const grantId = await grant.save();
          const prompts = String(details.params.prompt || '').split(' ');
          if (details.params.access_type === 'offline' && prompts.includes('consent')) {
            googleOffline.add(grantId);
          }
          return provider.interactionFinished(
            req,
            res,
            { login: { accountId }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
        } catch (e) {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(`interaction failed: ${e.message}`);
        }
      });
      resolve([name, issuer]);
    });
  });
}

const only = process.argv[2];
const entries = await Promise.all(
  Object.entries(SHAPES)
    .filter(([name]) => !only || only === name)
    .map(([name, shape]) => start(name, shape)),
);
process.stdout.write(JSON.stringify(Object.fromEntries(entries)) + '\n');
