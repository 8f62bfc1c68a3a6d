#!/usr/bin/python3
"""An OAuth 1.0a provider shaped like Twitter/X's, built on Debian's python3-oauthlib
endpoints (RequestTokenEndpoint, AuthorizationEndpoint, AccessTokenEndpoint): the
signatures, nonces, verifiers and token lifecycles are checked by oauthlib, not by this
file. It listens on 127.0.0.1 on a free port and prints {"base": "http://127.0.0.1:PORT"}
on its first line.

Twitter's paths: POST /oauth/request_token, GET /oauth/authorize, POST /oauth/access_token
(https://developer.x.com/en/docs/authentication/oauth-1-0a/obtaining-user-access-tokens).
The access token answer carries user_id and screen_name, as Twitter's does.

The "browser" part: GET /oauth/authorize?oauth_token=T shows the consent page;
GET /oauth/authorize?oauth_token=T&decision=allow|deny is the user's click. With a
callback, allow redirects to it with oauth_token and oauth_verifier, deny with
denied=T (Twitter's shape); with "oob", allow shows the PIN (the verifier) in the page.

Environment: OAUTH1_CONSUMER_KEY / OAUTH1_CONSUMER_SECRET (defaults below),
OAUTH1_TOKEN_LOG: a file every issued secret is appended to (leak scans).
"""
import json
import os
import sys
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from oauthlib.common import generate_token
from oauthlib.oauth1 import (AccessTokenEndpoint, AuthorizationEndpoint,
                             RequestTokenEndpoint, RequestValidator)
from oauthlib.oauth1.rfc5849 import errors

CONSUMER_KEY = os.environ.get('OAUTH1_CONSUMER_KEY', 'xvz1evFS4wEEPTGEFPHBog')
CONSUMER_SECRET = os.environ.get('OAUTH1_CONSUMER_SECRET', 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw')
USER_ID = '783214'
SCREEN_NAME = 'cafelumiere'
TOKEN_LOG = os.environ.get('OAUTH1_TOKEN_LOG')

lock = threading.Lock()
request_tokens = {}   # token -> {secret, callback, verifier, realms}
access_tokens = {}    # token -> secret
nonces = set()


def log_secret(*values):
    if TOKEN_LOG:
        with open(TOKEN_LOG, 'a') as f:
            for v in values:
                f.write(v + '\n')


class Validator(RequestValidator):
    # Loopback only: plain http is what the tests use.
    enforce_ssl = False
    # oauthlib's defaults (20-30 characters) are stricter than Twitter's.
    client_key_length = (10, 64)
    request_token_length = (10, 64)
    access_token_length = (10, 64)
    verifier_length = (10, 64)
    nonce_length = (8, 64)
    timestamp_lifetime = 600

    def check_nonce(self, nonce):
        # oauthlib allows letters and digits only; clients (oauth1-request among them)
        # send URL-safe base64 nonces, which Twitter accepts.
        return (self.nonce_length[0] <= len(nonce) <= self.nonce_length[1]
                and all(c.isascii() and (c.isalnum() or c in '-_') for c in nonce))

    @property
    def dummy_client(self):
        return 'dummyclientkeyvalue'

    @property
    def dummy_request_token(self):
        return 'dummyrequesttokenvalue'

    @property
    def dummy_access_token(self):
        return 'dummyaccesstokenvalue'

    def get_client_secret(self, client_key, request):
        return CONSUMER_SECRET if client_key == CONSUMER_KEY else 'dummysecret'

    def get_request_token_secret(self, client_key, token, request):
        with lock:
            t = request_tokens.get(token)
        return t['secret'] if t else 'dummysecret'

    def get_access_token_secret(self, client_key, token, request):
        with lock:
            return access_tokens.get(token, 'dummysecret')

    def get_default_realms(self, client_key, request):
        return []

    def get_realms(self, token, request):
        with lock:
            t = request_tokens.get(token)
        return t['realms'] if t else []

    def get_redirect_uri(self, token, request):
        with lock:
            return request_tokens[token]['callback']

    def invalidate_request_token(self, client_key, request_token, request):
        with lock:
            request_tokens.pop(request_token, None)

    def validate_client_key(self, client_key, request):
        return client_key == CONSUMER_KEY

    def validate_request_token(self, client_key, token, request):
        with lock:
            return token in request_tokens

    def validate_access_token(self, client_key, token, request):
        with lock:
            return token in access_tokens

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        key = (client_key, timestamp, nonce, request_token, access_token)
        with lock:
            if key in nonces:
                return False
            nonces.add(key)
        return True

    def validate_redirect_uri(self, client_key, redirect_uri, request):
        # Twitter accepts "oob" and the callback URLs registered for the app; this
        # provider registers any loopback address.
        if redirect_uri == 'oob':
            return True
        u = urlsplit(redirect_uri)
        return u.scheme == 'http' and u.hostname in ('127.0.0.1', '::1', 'localhost')

    def validate_requested_realms(self, client_key, realms, request):
        return True

    def validate_realms(self, client_key, token, request, uri=None, realms=None):
        return True

    def validate_verifier(self, client_key, token, verifier, request):
        with lock:
            t = request_tokens.get(token)
        return bool(t) and t.get('verifier') is not None and t['verifier'] == verifier

    def verify_request_token(self, token, request):
        with lock:
            return token in request_tokens

    def verify_realms(self, token, realms, request):
        return True

    def save_request_token(self, token, request):
        with lock:
            request_tokens[token['oauth_token']] = {
                'secret': token['oauth_token_secret'],
                'callback': request.redirect_uri,
                'verifier': None,
                'realms': [],
            }
        log_secret(token['oauth_token_secret'])

    def save_verifier(self, token, verifier, request):
        with lock:
            request_tokens[token]['verifier'] = verifier['oauth_verifier']

    def save_access_token(self, token, request):
        with lock:
            access_tokens[token['oauth_token']] = token['oauth_token_secret']
        log_secret(token['oauth_token'], token['oauth_token_secret'])


validator = Validator()
request_endpoint = RequestTokenEndpoint(validator)
authorize_endpoint = AuthorizationEndpoint(validator)
access_endpoint = AccessTokenEndpoint(validator)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def uri(self):
        return 'http://%s%s' % (self.headers.get('Host'), self.path)

    def reply(self, status, headers, body):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        data = (body or '').encode()
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def html(self, status, body):
        self.reply(status, {'Content-Type': 'text/html; charset=utf-8'},
                   '<!doctype html><meta charset="utf-8"><title>Twitter</title>' + body)

    def do_POST(self):
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length).decode() if length else ''
        headers = {k: v for k, v in self.headers.items()}
        path = urlsplit(self.path).path
        if path == '/oauth/request_token':
            h, b, s = request_endpoint.create_request_token_response(
                self.uri(), 'POST', body, headers)
        elif path == '/oauth/access_token':
            h, b, s = access_endpoint.create_access_token_response(
                self.uri(), 'POST', body, headers,
                credentials={'user_id': USER_ID, 'screen_name': SCREEN_NAME})
        else:
            return self.reply(404, {}, '')
        self.reply(s, h, b)

    def do_GET(self):
        split = urlsplit(self.path)
        if split.path != '/oauth/authorize':
            return self.reply(404, {}, '')
        q = dict(parse_qsl(split.query))
        token = q.get('oauth_token', '')
        decision = q.get('decision')
        try:
            realms, credentials = authorize_endpoint.get_realms_and_credentials(
                'http://%s/oauth/authorize?%s' % (self.headers.get('Host'),
                                                  urlencode({'oauth_token': token})))
        except errors.OAuth1Error:
            return self.html(400, '<h1>This page is no longer valid.</h1>')
        if decision is None:
            t = escape(token)
            return self.html(200, (
                '<h1>Authorize Switchboard to access your account?</h1>'
                f'<a id="allow" href="/oauth/authorize?oauth_token={t}&amp;decision=allow">Authorize app</a> '
                f'<a id="deny" href="/oauth/authorize?oauth_token={t}&amp;decision=deny">Cancel</a>'))
        callback = validator.get_redirect_uri(token, None)
        if decision != 'allow':
            validator.invalidate_request_token(CONSUMER_KEY, token, None)
            if callback == 'oob':
                return self.html(200, '<h1>You did not authorize the app.</h1>')
            sep = '&' if '?' in callback else '?'
            return self.reply(302, {'Location': callback + sep + urlencode({'denied': token})}, '')
        h, b, s = authorize_endpoint.create_authorization_response(
            'http://%s/oauth/authorize?%s' % (self.headers.get('Host'),
                                              urlencode({'oauth_token': token})),
            realms=realms, credentials=credentials)
        if s == 200:
            # "oob": Twitter shows the PIN for the user to type into the app.
            pin = dict(parse_qsl(b))['oauth_verifier']
            return self.html(200, f'<p>Enter this PIN in the app:</p><code id="oauth_pin">{escape(pin)}</code>')
        self.reply(s, h, b)


def main():
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    print(json.dumps({'base': 'http://127.0.0.1:%d' % server.server_address[1]}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    sys.exit(main())
