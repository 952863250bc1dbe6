import { readFileSync } from 'node:fs';

/** Field formats shared by the reference files. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const MOBILE = /^1[3-9]\d{9}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;

/** Reads one JSON object's fields, recording problems as "file: path.field …" instead of throwing. */
export class Reader {
  private readonly seen = new Set<string>();

  constructor(
    private readonly problems: string[],
    readonly file: string,
    readonly path: string,
    private readonly obj: Json,
  ) {}

  static root(problems: string[], file: string, value: unknown): Reader | null {
    if (!isObject(value)) {
      problems.push(`${file}: must contain a JSON object`);
      return null;
    }
    return new Reader(problems, file, '', value);
  }

  private where(field: string): string {
    return `${this.file}: ${this.path ? `${this.path}.` : ''}${field}`;
  }

  problem(field: string, message: string): void {
    this.problems.push(`${this.where(field)} ${message}`);
  }

  private get(field: string): unknown {
    this.seen.add(field);
    return this.obj[field];
  }

  has(field: string): boolean {
    return this.obj[field] !== undefined;
  }

  str(field: string, pattern?: RegExp, hint?: string): string {
    const v = this.get(field);
    if (typeof v !== 'string' || v.trim() === '') {
      this.problem(field, `must be a non-empty string (got ${show(v)})`);
      return '';
    }
    if (pattern && !pattern.test(v)) this.problem(field, `must match ${hint ?? pattern} (got ${show(v)})`);
    return v;
  }

  optStr(field: string, pattern?: RegExp, hint?: string): string | undefined {
    return this.has(field) ? this.str(field, pattern, hint) : (this.get(field), undefined);
  }

  num(field: string, min: number, max: number, integer = false): number {
    const v = this.get(field);
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      this.problem(field, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max} (got ${show(v)})`);
      return min;
    }
    return v;
  }

  int(field: string, min: number, max: number): number {
    return this.num(field, min, max, true);
  }

  oneOf<T extends string>(field: string, values: readonly T[]): T {
    const v = this.get(field);
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.problem(field, `must be one of ${values.join(', ')} (got ${show(v)})`);
      return values[0] as T;
    }
    return v as T;
  }

  list(field: string, { min = 0 } = {}): Reader[] {
    const v = this.get(field);
    if (!Array.isArray(v)) {
      this.problem(field, `must be an array (got ${show(v)})`);
      return [];
    }
    if (v.length < min) this.problem(field, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
    const out: Reader[] = [];
    v.forEach((item, i) => {
      const path = `${this.path ? `${this.path}.` : ''}${field}[${i}]`;
      if (isObject(item)) out.push(new Reader(this.problems, this.file, path, item));
      else this.problems.push(`${this.file}: ${path} must be an object (got ${show(item)})`);
    });
    return out;
  }

  object(field: string): Reader | undefined {
    const v = this.get(field);
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      this.problem(field, `must be an object (got ${show(v)})`);
      return undefined;
    }
    return new Reader(this.problems, this.file, `${this.path ? `${this.path}.` : ''}${field}`, v);
  }

  /** Unknown fields are usually typos ("floorAbove"); report them rather than ignore them. */
  done(): void {
    for (const key of Object.keys(this.obj)) {
      if (!this.seen.has(key)) this.problem(key, 'is not a known field');
    }
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function readJson(problems: string[], path: string, label: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push(`${label}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

export function dupes(problems: string[], file: string, what: string, values: string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) problems.push(`${file}: duplicate ${what} ${JSON.stringify(v)}`);
    seen.add(v);
  }
}
