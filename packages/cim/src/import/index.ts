// Pure parts of the registry import (no exceljs: that is `@linli/cim/import/xlsx`).
export * from './problems';
export * from './columns';
export * from './rows';
export * from './geojson';
export * from './validate';
export * from './search-text';
export * from './csv';
export * from './template';
export { DISTRICT_CODE } from './codes';
