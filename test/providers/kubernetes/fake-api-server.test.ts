// The fake API server's server-side apply behaves as the real one does where the provider depends on it: fields an
// applier stops declaring are removed unless someone else owns them, a conflicting value needs `force`, and an
// update moves the fields it changes to its manager.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeApiServer } from './fake-api-server.ts';

const config = (labels: Record<string, string>, data: Record<string, string>) =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n', labels }, data });
const managers = (object: Record<string, unknown>) =>
  ((object.metadata as { managedFields: { manager: string; fieldsV1: object }[] }).managedFields).map((entry) => [entry.manager, entry.fieldsV1]);

describe('fake API server: server-side apply', () => {
  let fake: FakeApiServer;
  beforeAll(async () => (fake = await FakeApiServer.start()));
  afterAll(() => fake.close());

  it('removes what an applier no longer declares, keeps what others own, and records managedFields', () => {
    fake.applyAs('pgtopo', config({ a: '1' }, { x: '1', y: '2' }), true);
    fake.applyAs('other', config({ b: '2' }, { y: '2' }), false); // same value: owned together, no conflict
    const object = fake.applyAs('pgtopo', config({ a: '1' }, { x: '1' }), true);
    expect(object.data).toEqual({ x: '1', y: '2' }); // y stays: `other` owns it too
    expect((object.metadata as { labels: object }).labels).toEqual({ a: '1', b: '2' });
    expect(managers(object)).toEqual([
      ['other', { 'f:metadata': { 'f:labels': { 'f:b': {} } }, 'f:data': { 'f:y': {} } }],
      ['pgtopo', { 'f:metadata': { 'f:labels': { 'f:a': {} } }, 'f:data': { 'f:x': {} } }],
    ]);
  });

  it('refuses a conflicting value without force and takes the field over with it', () => {
    expect(() => fake.applyAs('other', config({}, { x: '9' }), false)).toThrow(/conflict.*f:data\.f:x \(owned by pgtopo\)/);
    const object = fake.applyAs('other', config({ b: '2' }, { x: '9', y: '2' }), true);
    expect(object.data).toEqual({ x: '9', y: '2' });
    expect(managers(object).find(([manager]) => manager === 'pgtopo')).toEqual(['pgtopo', { 'f:metadata': { 'f:labels': { 'f:a': {} } } }]);
  });

  it('gives an update the fields it changes', () => {
    const object = fake.updateAs('kubectl-edit', 'v1', 'ConfigMap', 'n', 'c', (live) => {
      (live.metadata as { labels: Record<string, string> }).labels.a = 'edited';
    });
    expect(managers(object).find(([manager]) => manager === 'kubectl-edit')).toEqual(['kubectl-edit', { 'f:metadata': { 'f:labels': { 'f:a': {} } } }]);
    expect(managers(object).some(([manager]) => manager === 'pgtopo')).toBe(false); // its last field moved away
  });
});
