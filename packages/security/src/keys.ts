import { FIELD_KEY_BYTES } from './sm4';
import { sm3Hex } from './sm3';

export interface FieldKeys {
  enc: Buffer;
  idx: Buffer;
  dev: boolean;
}

type Env = Record<string, string | undefined>;

const KEY_VARS = { enc: 'LINLI_FIELD_KEY', idx: 'LINLI_INDEX_KEY' } as const;
const HEX_LEN = FIELD_KEY_BYTES * 2;

// Public, fixed labels: anything encrypted with keys derived from them is
// readable by anyone with this source, so they exist only for local dev/tests.
export const DEV_ONLY_FIELD_KEY_LABEL = 'linli/DEV_ONLY/field-key/not-a-secret';
export const DEV_ONLY_INDEX_KEY_LABEL = 'linli/DEV_ONLY/index-key/not-a-secret';

// The only place this package reads configuration; callers may pass their own env.
export function loadFieldKeys(env: Env = process.env): FieldKeys {
  const encHex = env[KEY_VARS.enc];
  const idxHex = env[KEY_VARS.idx];
  if (encHex && idxHex) {
    return { enc: parseKey(KEY_VARS.enc, encHex), idx: parseKey(KEY_VARS.idx, idxHex), dev: false };
  }
  if (env.NODE_ENV === 'production') {
    const missing = [encHex ? null : KEY_VARS.enc, idxHex ? null : KEY_VARS.idx].filter(Boolean).join(', ');
    throw new Error(
      `Missing required environment variable(s): ${missing} (${HEX_LEN} hex chars each). ` +
        `缺少必需的环境变量：${missing}（各为 ${HEX_LEN} 位十六进制字符）。`,
    );
  }
  // A half-configured dev env still gets the explicit key it provided.
  return {
    enc: encHex ? parseKey(KEY_VARS.enc, encHex) : devKey(DEV_ONLY_FIELD_KEY_LABEL),
    idx: idxHex ? parseKey(KEY_VARS.idx, idxHex) : devKey(DEV_ONLY_INDEX_KEY_LABEL),
    dev: true,
  };
}

function parseKey(name: string, hex: string): Buffer {
  const trimmed = hex.trim();
  if (!new RegExp(`^[0-9a-fA-F]{${HEX_LEN}}$`).test(trimmed)) {
    throw new Error(
      `${name} must be exactly ${HEX_LEN} hex characters. ` +
        `${name} 必须是 ${HEX_LEN} 位十六进制字符。`,
    );
  }
  return Buffer.from(trimmed, 'hex');
}

function devKey(label: string): Buffer {
  return Buffer.from(sm3Hex(label).slice(0, HEX_LEN), 'hex');
}
