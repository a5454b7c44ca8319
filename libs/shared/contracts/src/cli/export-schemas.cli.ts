import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { topicJsonSchema } from '../json-schema-export';
import { ALL_TOPICS } from '../topic-registry';

// `npm run contracts:schemas [dir]`: writes one JSON Schema per topic.
const dir = process.argv[2] ?? 'dist/schemas';
mkdirSync(dir, { recursive: true });
for (const topic of ALL_TOPICS) {
  writeFileSync(
    join(dir, `${topic.name}.schema.json`),
    `${JSON.stringify(topicJsonSchema(topic), null, 2)}\n`,
  );
}
console.log(`wrote ${ALL_TOPICS.length} schemas to ${dir}`);
