import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export const paths = {
  root,
  views: join(root, 'views'),
  public: join(root, 'public'),
};
