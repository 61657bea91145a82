import type { AccountSeed } from '../../core/account-store.js';
import { randomToken } from '../../core/account-store.js';
import { LifecycleQueue } from './wessaal.lifecycle-queue.js';
import {
  SCOPES,
  type IdSequences,
  type Instance,
  type InstanceStatus,
  type Template,
  type WessaalState,
  type Workspace,
} from './wessaal.state.js';

const SEEDED_AT = '2025-01-01T00:00:00.000000Z';
export const DEMO_TEMPLATE_CONTENT =
  'Hi {{name}}, your order #{{order_id}} has shipped! Track it at {{tracking_url}}.';

/**
 * What every account starts with, as a dashboard would have set it up: workspace 22, instance 124 `my-instance`
 * (open), 125 `backup-instance` (close), 126 `pairing-instance` (connecting), template 7 `Order Shipped`.
 */
function baseState(user: WessaalState['user'], keyName: string): WessaalState {
  const workspace: Workspace = { id: 22, name: 'Main Workspace', createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
  const instance = (id: number, name: string, status: InstanceStatus, phoneNumber: string): Instance => ({
    id,
    name,
    status,
    phoneNumber,
    workspace,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  });
  const instances = [
    instance(124, 'my-instance', 'open', '+966501234567'),
    instance(125, 'backup-instance', 'close', '+966507654321'),
    instance(126, 'pairing-instance', 'connecting', '+966509990000'),
  ];
  const template: Template = {
    id: 7,
    name: 'Order Shipped',
    messageType: 'text',
    content: DEMO_TEMPLATE_CONTENT,
    isActive: true,
    workspaceId: 22,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  };
  return {
    user,
    apiKey: { name: keyName, created_at: SEEDED_AT },
    smsBalance: 0,
    instances: new Map(instances.map((i) => [i.id, i])),
    instancesByName: new Map(instances.map((i) => [i.name, i])),
    workspaces: new Map([[workspace.id, workspace]]),
    templates: new Map([[template.id, template]]),
    contacts: new Map(),
    messages: new Map(),
    inbound: [],
    lifecycle: new LifecycleQueue(),
  };
}

function account(
  id: string,
  apiKey: string,
  scopes: readonly string[],
  credits: number,
  state: WessaalState,
): AccountSeed<WessaalState> {
  return {
    id,
    provider: 'wessaal',
    credentials: { apiKey },
    ipWhitelist: [],
    credits,
    scopes: [...scopes],
    plan: 'active',
    rateLimitPerMinute: 0,
    state,
  };
}

export function seedAccounts(): Array<AccountSeed<WessaalState>> {
  return [
    account(
      'wessaal-demo',
      'sk_test_wessaal_demo',
      SCOPES,
      250,
      baseState({ id: 93, name: 'Ahmed', email: 'ahmed@example.com' }, 'My Integration Key'),
    ),
    account(
      'wessaal-readonly',
      'sk_test_wessaal_readonly',
      ['read_messages'],
      250,
      baseState({ id: 94, name: 'Sara', email: 'sara@example.com' }, 'Read-only Key'),
    ),
    account(
      'wessaal-empty',
      'sk_test_wessaal_empty',
      SCOPES,
      0,
      baseState({ id: 95, name: 'Omar', email: 'omar@example.com' }, 'Empty Pocket Key'),
    ),
  ];
}

/** A fresh account for one test: new key, every scope, 250 credits, the base setup, no contacts or messages. */
export function newAccount(id: string, ids: IdSequences): AccountSeed<WessaalState> {
  const userId = ++ids.user;
  return account(
    id,
    randomToken('sk_test_'),
    SCOPES,
    250,
    baseState({ id: userId, name: `Test User ${userId}`, email: `user${userId}@example.com` }, 'Test Key'),
  );
}
