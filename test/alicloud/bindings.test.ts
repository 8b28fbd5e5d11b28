// The generated bindings cover exactly the aliyun/alicloud types the library uses: resources.txt
// (from which schema.json is trimmed) and the imports of lib/ must agree.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function importedTypes(): string[] {
  const found = new Set<string>();
  for (const dir of ['lib/alicloud', 'lib/stacks']) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(root, dir, file), 'utf8');
      for (const match of text.matchAll(/gen\/providers\/alicloud\/([a-z0-9-]+)/g)) {
        if (match[1] === 'provider') continue;
        found.add(match[1].startsWith('data-alicloud-')
          ? `data.alicloud_${match[1].slice('data-alicloud-'.length).replace(/-/g, '_')}`
          : `alicloud_${match[1].replace(/-/g, '_')}`);
      }
    }
  }
  return [...found].sort();
}

test('resources.txt lists exactly the types lib/ imports, and schema.json holds exactly those', () => {
  const listed = fs.readFileSync(path.join(root, 'providers/alicloud/resources.txt'), 'utf8')
    .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).sort();
  expect(listed).toEqual(importedTypes());
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'providers/alicloud/schema.json'), 'utf8'))
    .provider_schemas['registry.terraform.io/aliyun/alicloud'];
  const inSchema = [...Object.keys(schema.resource_schemas), ...Object.keys(schema.data_source_schemas).map((d) => `data.${d}`)].sort();
  expect(inSchema).toEqual(listed);
});
