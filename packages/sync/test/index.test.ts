import { describe, expect, it } from 'vitest';
import * as sync from '@linli/sync';

describe('package entry', () => {
  it('exposes the public API through @linli/sync without pulling in anything impure', () => {
    for (const name of ['COLLECTIONS', 'MAX_COLLECTIONS', 'pageAfter', 'nextCheckpoint', 'transition', 'resolveConflict', 'validatePush', 'verifyPhoto', 'checkPhotoChunk', 'uploadPlan', 'resumeFrom', 'planRowWrite'])
      expect(typeof (sync as Record<string, unknown>)[name], name).not.toBe('undefined');
  });
});
