import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The official schemas live beside the repository (CI clones `shared/` next to it). */
export const SCHEMAS = fileURLToPath(new URL('../../../../shared/schemas', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** CityJSON 2.0 (draft-07); the files' own `$id`s share one folder, so their relative `$ref`s resolve. */
export function cityjsonValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  let entry = '';
  for (const file of jsonFiles(join(SCHEMAS, 'cityjson-2.0'))) {
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    ajv.addSchema(schema);
    if (file.endsWith('/cityjson.schema.json')) entry = schema.$id;
  }
  return ajv.getSchema(entry)!;
}

/**
 * 3D Tiles 1.1 (2020-12). The upstream `$id`s are bare file names while `$ref`s carry folder
 * paths (`./common/…`, `../common/…`), so each schema is registered under its file URL instead.
 */
export function tiles3dValidator(entry = 'tileset.schema.json'): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  // ajv-formats has no IRI formats; only `schemaUri` uses it and our tilesets don't set it.
  ajv.addFormat('iri-reference', true);
  const root = join(SCHEMAS, '3d-tiles-1.1');
  for (const file of jsonFiles(root)) {
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    schema.$id = pathToFileURL(file).href;
    ajv.addSchema(schema);
  }
  return ajv.getSchema(pathToFileURL(join(root, entry)).href)!;
}

