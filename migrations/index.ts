import * as migration_20261121_052542_initial from './20261121_052542_initial';

export const migrations = [
  {
    up: migration_20261121_052542_initial.up,
    down: migration_20261121_052542_initial.down,
    name: '20261121_052542_initial'
  },
];
