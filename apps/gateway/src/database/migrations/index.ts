import type { MixedList } from 'typeorm';
import { Initial1795323754818 } from './1795323754818-Initial.js';
import { Deployment1796226412986 } from './1796226412986-Deployment.js';
import { WebhookEndpoints1796226417675 } from './1796226417675-WebhookEndpoints.js';
import { ListIndexes1796231143965 } from './1796231143965-ListIndexes.js';
import { Retention1796231215921 } from './1796231215921-Retention.js';
import { Pacing1796300100000 } from './1796300100000-Pacing.js';
import { Routes1796300200000 } from './1796300200000-Routes.js';
import { Partitioning1796300300000 } from './1796300300000-Partitioning.js';
import { MessageSchedule1796300400000 } from './1796300400000-MessageSchedule.js';

/** Every migration, in order. Generate new ones with `npm run migration:generate -- <Name>`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
export const MIGRATIONS: MixedList<Function> = [
  Initial1795323754818,
  Deployment1796226412986,
  WebhookEndpoints1796226417675,
  ListIndexes1796231143965,
  Retention1796231215921,
  Pacing1796300100000,
  Routes1796300200000,
  Partitioning1796300300000,
  MessageSchedule1796300400000,
];
