import * as migration_20261121_052542_initial from './20261121_052542_initial';
import * as migration_20261121_062826_tiers from './20261121_062826_tiers';

export const migrations = [
  {
    up: migration_20261121_052542_initial.up,
    down: migration_20261121_052542_initial.down,
    name: '20261121_052542_initial',
  },
  {
    up: migration_20261121_062826_tiers.up,
    down: migration_20261121_062826_tiers.down,
    name: '20261121_062826_tiers'
  },
];
