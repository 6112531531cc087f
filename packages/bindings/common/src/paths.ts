// Where the repository's own files are, seen from this package (the same depth from src/ and from dist/).

import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export { sharedTargetDir } from '@ingot/cargo';
