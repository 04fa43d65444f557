import {
  commandNames,
  commandParams,
  type CommandName,
  type EngineApi,
  type Handlers,
} from './commands.ts';
import { invalid, type Result } from './result.ts';
import type { ErrorData } from '../engine/index.ts';

/**
 * The engine's API over `handlers`: every command's parameters parsed first (a refusal names the
 * field), every answer a `Result`, whatever the handler throws turned into data by `toError`.
 * A transport (the worker's Comlink, an HTTP route) only carries the calls.
 * @example const api = serve(handlers, toErrorData); await api.stop({ runId }) // { ok, … }
 */
export function serve(handlers: Handlers, toError: (error: unknown) => ErrorData): EngineApi {
  const call = async (name: CommandName, params: unknown): Promise<Result<unknown>> => {
    const parsed = commandParams[name].safeParse(params ?? {});
    if (!parsed.success) return invalid(parsed.error, name);
    try {
      const handler = handlers[name] as (p: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toError(error) };
    }
  };
  return Object.fromEntries(
    commandNames.map((name) => [name, (params?: unknown) => call(name, params)]),
  ) as unknown as EngineApi;
}

/** One call by name, for transports that receive the name as text (an HTTP path). */
export function dispatch(api: EngineApi, name: string, params: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(commandParams, name))
    return Promise.resolve({
      ok: false,
      error: {
        code: 'unknown-command',
        message: `no command "${name}"; the commands are ${commandNames.join(', ')}`,
      },
    });
  const command = api[name as CommandName] as (p: unknown) => Promise<Result<unknown>>;
  return command(params);
}
