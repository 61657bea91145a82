import { Module, type DynamicModule } from '@nestjs/common';
import type { SimCore } from '../core/sim-core.js';
import { AccountsController } from './accounts.controller.js';
import { ClockController } from './clock.controller.js';
import { FaultsController } from './faults.controller.js';
import { PhonesController } from './phones.controller.js';
import { RequestsController } from './requests.controller.js';
import { ResetController } from './reset.controller.js';
import { InboxController } from '../inbox/inbox.controller.js';
import { RoutesController } from './routes.controller.js';
import { ThreadsController } from './threads.controller.js';
import { SIM_CORE } from './sim-core.token.js';

/** The control API under /__admin. Controllers are thin: the state lives in SimCore. */
@Module({})
export class AdminModule {
  static forCore(core: SimCore): DynamicModule {
    return {
      module: AdminModule,
      controllers: [
        ResetController,
        AccountsController,
        RequestsController,
        FaultsController,
        ClockController,
        PhonesController,
        RoutesController,
        ThreadsController,
        InboxController,
      ],
      providers: [{ provide: SIM_CORE, useValue: core }],
    };
  }
}
