/**
 * The custom requests as `workspace/executeCommand` commands too, for LSP clients that cannot send custom
 * requests (generic editor plugins, scripts). Ids differ from the VS Code client's own commands, which
 * the language client would otherwise clash with.
 */
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor } from 'langium/lsp';
import type {
  CompileParams,
  CompileResult,
  CoverageParams,
  CoverageResult,
  ListTestsParams,
  ListTestsResult,
  RunTestsParams,
  RunTestsResult,
} from './protocol.js';
import { ServerCommands } from './protocol.js';

export interface CorrectionsHandlers {
  listTests(params: ListTestsParams): Promise<ListTestsResult>;
  runTests(params: RunTestsParams): Promise<RunTestsResult>;
  compile(params: CompileParams): Promise<CompileResult>;
  coverage(params: CoverageParams): Promise<CoverageResult>;
}

export class CorrectionsCommandHandler extends AbstractExecuteCommandHandler {
  private handlers: CorrectionsHandlers | undefined;

  /** The request handlers, once the connection is set up (the handler is created before it). */
  attach(handlers: CorrectionsHandlers): void {
    this.handlers = handlers;
  }

  registerCommands(acceptor: ExecuteCommandAcceptor): void {
    const call =
      <P, R>(pick: (handlers: CorrectionsHandlers) => (params: P) => Promise<R>) =>
      (args: unknown[]) => {
        if (!this.handlers) throw new Error('the language server is not started');
        return pick(this.handlers)((args[0] ?? {}) as P);
      };
    acceptor(
      ServerCommands.listTests,
      call((h) => h.listTests),
    );
    acceptor(
      ServerCommands.runTests,
      call((h) => h.runTests),
    );
    acceptor(
      ServerCommands.compile,
      call((h) => h.compile),
    );
    acceptor(
      ServerCommands.coverage,
      call((h) => h.coverage),
    );
  }
}
