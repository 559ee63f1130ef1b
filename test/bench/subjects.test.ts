import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIT_SUBJECTS, PEER_SUBJECTS } from '../../bench/subjects.js';

const peersManifest = JSON.parse(
  readFileSync(new URL('../../bench/peers/package.json', import.meta.url), 'utf8'),
) as { dependencies: Record<string, string> };

describe('bench subjects', () => {
  it('measures every peer installed for the bench, and only those', () => {
    expect(PEER_SUBJECTS.map((subject) => subject.packageName).sort()).toEqual(
      Object.keys(peersManifest.dependencies).sort(),
    );
  });

  it('pins each peer to an exact version, so every run measures the same code', () => {
    for (const version of Object.values(peersManifest.dependencies)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('names for every peer the URLs it loads at run time, and none for the kit', () => {
    for (const peer of PEER_SUBJECTS) {
      expect(peer.remote?.urls.length, peer.id).toBeGreaterThan(0);
      for (const url of peer.remote?.urls ?? []) expect(url).toMatch(/^https:\/\//);
    }
    for (const entry of KIT_SUBJECTS) expect(entry.remote, entry.id).toBeNull();
  });

  it('gives each row its own id', () => {
    const ids = [...KIT_SUBJECTS, ...PEER_SUBJECTS].map((subject) => subject.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
