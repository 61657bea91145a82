import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../../core/sim-core.js';
import { authorize } from './wessaal.auth.js';
import { notFound } from './wessaal.errors.js';
import { pathId } from './wessaal.routes-read.js';
import { BASE } from './wessaal.routes-send.js';
import { findInstance } from './wessaal.sender.js';
import { laravelTime, stateOf } from './wessaal.state.js';
import {
  instanceDetail,
  instanceListItem,
  instanceLiveStatus,
  workspaceDetail,
  workspaceListItem,
} from './wessaal.views.js';

/** ping, me, instances and workspaces. */
export function registerAccountRoutes(app: FastifyInstance, core: SimCore): void {
  app.get(`${BASE}/ping`, (request, reply) => {
    if (authorize(core, request, reply, undefined) === undefined) return reply;
    return reply.send({ success: true, message: 'pong', timestamp: laravelTime(core.clock.now()) });
  });

  app.get(`${BASE}/me`, (request, reply) => {
    const account = authorize(core, request, reply, undefined);
    if (account === undefined) return reply;
    const state = stateOf(account);
    return reply.send({
      success: true,
      data: {
        user: state.user,
        api_key: {
          name: state.apiKey.name,
          permissions: account.scopes,
          created_at: state.apiKey.created_at,
        },
        pockets: {
          whatsapp: { balance: account.credits, currency: 'credits' },
          sms: { balance: state.smsBalance, currency: 'credits' },
        },
      },
    });
  });

  app.get(`${BASE}/instances`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_instances');
    if (account === undefined) return reply;
    return reply.send({
      success: true,
      data: [...stateOf(account).instances.values()].map(instanceListItem),
    });
  });

  app.get(`${BASE}/instances/:id`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_instances');
    if (account === undefined) return reply;
    const instance = findInstance(stateOf(account), (request.params as { id: string }).id);
    if (instance === undefined) return reply.code(404).send(notFound('Instance'));
    return reply.send({ success: true, data: instanceDetail(instance) });
  });

  app.get(`${BASE}/instances/:id/status`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_instances');
    if (account === undefined) return reply;
    const instance = findInstance(stateOf(account), (request.params as { id: string }).id);
    if (instance === undefined) return reply.code(404).send(notFound('Instance'));
    return reply.send({ success: true, data: instanceLiveStatus(instance) });
  });

  app.get(`${BASE}/workspaces`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_workspaces');
    if (account === undefined) return reply;
    return reply.send({
      success: true,
      data: [...stateOf(account).workspaces.values()].map(workspaceListItem),
    });
  });

  app.get(`${BASE}/workspaces/:id`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_workspaces');
    if (account === undefined) return reply;
    const state = stateOf(account);
    const id = pathId(request);
    const workspace = id === undefined ? undefined : state.workspaces.get(id);
    if (workspace === undefined) return reply.code(404).send(notFound('Workspace'));
    return reply.send({ success: true, data: workspaceDetail(workspace, state) });
  });
}
