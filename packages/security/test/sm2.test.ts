import { describe, it, expect } from 'vitest';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../src/sm2';

describe('sm2', () => {
  const alice = generateSm2KeyPair();
  const bob = generateSm2KeyPair();

  it('generates hex key pairs of the expected shape', () => {
    expect(alice.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(alice.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(alice.privateKey).not.toBe(bob.privateKey);
  });

  it('verifies its own signature', () => {
    const sig = sm2Sign('开门 gate-3 2024-01-01T00:00:00Z', alice.privateKey);
    expect(sig).toMatch(/^30[0-9a-f]+$/); // DER SEQUENCE
    expect(sm2Verify('开门 gate-3 2024-01-01T00:00:00Z', sig, alice.publicKey)).toBe(true);
  });

  it('fails on an altered message', () => {
    const sig = sm2Sign('amount=100', alice.privateKey);
    expect(sm2Verify('amount=900', sig, alice.publicKey)).toBe(false);
  });

  it("fails with another party's public key", () => {
    const sig = sm2Sign('amount=100', alice.privateKey);
    expect(sm2Verify('amount=100', sig, bob.publicKey)).toBe(false);
  });

  it('returns false rather than throwing on malformed input', () => {
    expect(sm2Verify('x', 'not-hex', alice.publicKey)).toBe(false);
    expect(sm2Verify('x', sm2Sign('x', alice.privateKey), 'nonsense')).toBe(false);
  });
});
