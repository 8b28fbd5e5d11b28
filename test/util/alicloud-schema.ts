// Proof for Alibaba Cloud without a provider mirror: every attribute and block the library writes
// exists in the pinned aliyun/alicloud 1.283.0 schema, is not deprecated, and every required one is set.
import * as fs from 'fs';
import * as path from 'path';

const schemaFile = path.join(__dirname, '..', '..', 'providers', 'alicloud', 'schema.json');
const schemas = JSON.parse(fs.readFileSync(schemaFile, 'utf8')).provider_schemas['registry.terraform.io/aliyun/alicloud'];

/** Terraform's own arguments, valid on every resource and data source. */
const META_ARGUMENTS = new Set(['depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner', '//']);

interface Block {
  attributes?: Record<string, { required?: boolean; optional?: boolean; computed?: boolean; deprecated?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; block: Block; min_items?: number }>;
}

function checkBlock(where: string, value: Record<string, unknown>, block: Block, problems: string[], topLevel: boolean): void {
  for (const [key, inner] of Object.entries(value)) {
    if (topLevel && META_ARGUMENTS.has(key)) continue;
    const attribute = block.attributes?.[key];
    const nested = block.block_types?.[key];
    if (attribute) {
      if (attribute.deprecated) problems.push(`${where}.${key} is deprecated in 1.283.0`);
      if (!attribute.optional && !attribute.required) problems.push(`${where}.${key} is read-only (computed)`);
      continue;
    }
    if (nested) {
      const items = Array.isArray(inner) ? inner : [inner];
      items.forEach((item, i) => {
        if (item && typeof item === 'object' && !(typeof item === 'string')) {
          checkBlock(`${where}.${key}[${i}]`, item as Record<string, unknown>, nested.block, problems, false);
        }
      });
      continue;
    }
    problems.push(`${where}.${key} is not in the schema`);
  }
  for (const [key, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && !(key in value)) problems.push(`${where}.${key} is required but not set`);
  }
}

/** Every problem of the alicloud resources and data sources of a synthesized stack. */
export function alicloudSchemaProblems(stack: any): string[] {
  const problems: string[] = [];
  for (const [kind, group] of [['resource', stack.resource], ['data', stack.data]] as const) {
    for (const [type, byName] of Object.entries<Record<string, any>>(group ?? {})) {
      if (!type.startsWith('alicloud_')) continue;
      const schema = (kind === 'resource' ? schemas.resource_schemas : schemas.data_source_schemas)[type];
      if (!schema) {
        problems.push(`${kind} ${type} is not in the pinned schema`);
        continue;
      }
      for (const [name, config] of Object.entries(byName)) checkBlock(`${type}.${name}`, config, schema.block, problems, true);
    }
  }
  return problems;
}

/** Expects a synthesized stack (JSON string or object) to conform to the pinned alicloud schema. */
export function expectSchemaConformant(stack: string | object): void {
  const parsed = typeof stack === 'string' ? JSON.parse(stack) : stack;
  expect(alicloudSchemaProblems(parsed)).toEqual([]);
  const types = [...Object.keys(parsed.resource ?? {}), ...Object.keys(parsed.data ?? {})].filter((t) => t.startsWith('alicloud_'));
  expect(types.length).toBeGreaterThan(0);
}
