import { describe, expect, it } from 'vitest';
import { declPath, domId, getPath, moveItem, newRecord, setPath, type JsonObject } from './path.ts';

describe('document paths', () => {
  it('get walks objects and lists; missing is undefined, null stays null', () => {
    const doc = { signatures: [{ body: 'a' }, { body: 'b' }], imap: { port: 993, sent: null } };
    expect(getPath(doc, 'imap.port')).toBe(993);
    expect(getPath(doc, 'signatures.1.body')).toBe('b');
    expect(getPath(doc, 'signatures.x.body')).toBeUndefined();
    expect(getPath(doc, 'imap.port.deeper')).toBeUndefined();
    expect(getPath(doc, 'imap.sent')).toBeNull();
    expect(getPath(doc, 'imap.toString')).toBeUndefined();
  });

  it('set creates missing objects and lists, and replaces values', () => {
    const doc: JsonObject = { imap: { port: 993 } };
    setPath(doc, 'imap.port', 70000);
    setPath(doc, 'smtp.host', 'smtp.example.com');
    setPath(doc, 'signatures.0.body', 'Hi');
    expect(doc).toEqual({ imap: { port: 70000 }, smtp: { host: 'smtp.example.com' }, signatures: [{ body: 'Hi' }] });
    expect(() => setPath(doc, 'signatures.x', 1)).toThrow();
  });

  it('declaration paths drop indices; DOM ids have no dots', () => {
    expect(declPath('auto_messages.messages.3.body')).toBe('auto_messages.messages.body');
    expect(domId('signatures.1.body')).toBe('f-signatures-1-body');
  });

  it('new records hold defaults; items move within bounds', () => {
    const rec = newRecord([
      { key: 'language', path: 'language', type: { type: 'reference', source: 'locales', multiple: false }, default: null, required: true, secret: false, label: 'x' },
      { key: 'body', path: 'body', type: { type: 'text', multiline: true, variables: true }, default: '', required: true, secret: false, label: 'y' },
      { key: 'token', path: 'token', type: { type: 'secret', generated: false }, default: null, required: false, secret: true, label: 'z' },
    ]);
    expect(rec).toEqual({ language: null, body: '' });
    const list = ['a', 'b', 'c'];
    moveItem(list, 0, 1);
    expect(list).toEqual(['b', 'a', 'c']);
    moveItem(list, 2, 3);
    expect(list).toEqual(['b', 'a', 'c']);
  });
});
