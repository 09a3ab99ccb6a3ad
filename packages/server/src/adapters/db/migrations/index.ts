import type { Migration } from 'kysely';
import * as m0001 from './0001-platform.ts';
import * as m0002 from './0002-datasets.ts';
import * as m0003 from './0003-profiles.ts';
import * as m0004 from './0004-models.ts';
import * as m0005 from './0005-conversations.ts';

/** Every migration, in order. Names are permanent: never rename or edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-datasets': m0002,
  '0003-profiles': m0003,
  '0004-models': m0004,
  '0005-conversations': m0005,
};
