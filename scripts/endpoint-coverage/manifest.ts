/**
 * The shape of the coverage manifest (scripts/endpoint-coverage/endpoints.ts). Every claim in it is checked by
 * scripts/endpoint-coverage/verify.ts: nothing here is printed as ✓ without evidence.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One endpoint as a provider's documentation shows it. */
export interface EndpointSpec<C> {
  method: HttpMethod;
  /**
   * As documented, relative to the provider's base URL, parameters as `{name}`; a query the doc requires is written
   * after `?` (`getStatus/{apikey}?id=`) and checked in the request the client sends.
   */
  path: string;
  /** Tells apart two documented uses of one route (WaMessenger's single and group send). */
  variant?: string;
  /** Where the doc shows it: `<file>:<line>` in provider-docs/ (the line holds the path, or the section heading). */
  doc: string;
  /** The client method for this endpoint (checked on the class prototype). */
  client?: keyof C & string;
  /** Calls the client method with valid arguments; the request it sends must be `method path`. */
  probe?: (client: C) => Promise<unknown>;
  /** Not implemented on purpose: why. Such an endpoint is listed under "Deliberate gaps", not required to be ✓. */
  gap?: string;
  /** Implemented, with something worth knowing (shown in the table). */
  note?: string;
}

/** A second prefix the simulator serves the same routes under. */
export interface SimulatorAlias {
  /** Mount-relative, e.g. `/washeej/extern-api` for `/washeej/external-api`. */
  base: string;
  why: string;
}

export interface ProviderSpec<C> {
  /** The provider id (registry id and simulator mount). */
  id: string;
  name: string;
  /** Doc file under provider-docs/. */
  docFile: string;
  /** The client class; its `name` is what the contract scan looks for. */
  clientClass: abstract new (...args: never[]) => C;
  /** A client for `baseUrl` whose every request goes through `fetch`. */
  createClient(baseUrl: string, fetchImpl: typeof fetch): C;
  /** The provider's documented base URL as the simulator serves it, e.g. `/washeej/external-api`. */
  simulatorBase: string;
  simulatorAliases?: SimulatorAlias[];
  endpoints: EndpointSpec<C>[];
}

/** A provider with its client type erased, so providers of different client types share one list. */
export interface ProviderEntry {
  id: string;
  name: string;
  docFile: string;
  clientName: string;
  clientPrototype: object;
  simulatorBase: string;
  simulatorAliases: SimulatorAlias[];
  endpoints: EndpointEntry[];
}

export interface EndpointEntry {
  method: HttpMethod;
  path: string;
  variant?: string;
  doc: string;
  client?: string;
  gap?: string;
  note?: string;
  /** Runs the probe against a client built for `baseUrl` and `fetch`; undefined when the manifest has none. */
  probe?: (baseUrl: string, fetchImpl: typeof fetch) => Promise<unknown>;
}

export function defineProvider<C>(spec: ProviderSpec<C>): ProviderEntry {
  return {
    id: spec.id,
    name: spec.name,
    docFile: spec.docFile,
    clientName: spec.clientClass.name,
    clientPrototype: spec.clientClass.prototype as object,
    simulatorBase: spec.simulatorBase,
    simulatorAliases: spec.simulatorAliases ?? [],
    endpoints: spec.endpoints.map(({ probe, ...endpoint }) => ({
      ...endpoint,
      probe: probe && ((baseUrl, fetchImpl) => probe(spec.createClient(baseUrl, fetchImpl))),
    })),
  };
}

/** A deliberate gap that is not one endpoint (a documented rule, shape or alias). */
export interface DeliberateGap {
  providers: string[];
  what: string;
  why: string;
  /** `<file>:<line>` in provider-docs/, or a file of this repository. */
  source: string;
}
