/**
 * Every code a node's error can carry, with what a person does about it. `NodeError` takes only
 * these, so a new failure cannot ship without its fix; the debugger shows the fix beside the error.
 */
export const nodeErrorFixes = {
  // Input and definitions
  'bad-input': 'fix the field named in the message, in the node’s input or the data it maps from',
  'bad-definition': 'the capability changed while it was tested: test it again',
  expression: 'fix the JSONata expression at the path named; the inspector marks the spot',
  template: 'fix the Liquid template at the path named; the inspector marks the spot',
  'not-a-list': 'make the loop’s items expression give a list',
  placeholder:
    'this node came from an import and has no counterpart here: replace it with a real node',
  'unknown-capability': 'pick a capability that exists, or define it in the flow (Capabilities)',
  'unknown-flow': 'deploy or save the flow this subflow names, or pick another',
  'invalid-subflow': 'open the subflow’s flow and fix what validation reports',
  'subflow-cycle': 'a flow cannot call itself, directly or through others: break the cycle',
  // The Code node
  'code-syntax': 'fix the JavaScript at the line named',
  'code-thrown': 'the code threw: read the message and the line, and fix the code or its input',
  'code-result': 'return a JSON value (no functions, cycles or undefined) from the code',
  'code-timeout': 'the code ran past its time limit: make it faster or raise the limit',
  'code-memory': 'the code used more memory than its limit: use less or raise the limit',
  'code-stack': 'the code recursed too deep: make it iterative',
  // Set-up (the run waits for these rather than failing)
  'no-connection': 'set the connection up in Connections; the run continues once it is saved',
  'no-secret': 'add the secret in Secrets; the run continues once it is set',
  'no-provider': 'add a model provider in Connections; the run continues once it is saved',
  'no-base-url': 'give the connection a base URL in Connections',
  'no-service': 'the capability names no service to call: fix its definition',
  'secret-unavailable': 'unlock the vault (Secrets) and run again',
  'vault-locked': 'unlock the vault (Secrets); the run continues once it is unlocked',
  'needs-server':
    'run this flow on a workspace server (npx aios serve), where the call can be made',
  'no-executor': 'this capability cannot be called here; run the flow where it can',
  'no-subflows': 'subflows need the flow library; run the flow from the app or the server',
  'no-approvals': 'test calls cannot ask for approval: run the flow to decide it',
  // Remotes
  http: 'read the remote’s answer in the message; fix the request or the connection, then retry',
  network:
    'the remote did not answer: check the URL and the network (a browser also reports a refused cross-origin call this way)',
  'bad-response':
    'the remote answered with something unexpected; whether the effect happened is asked before the run ends',
  timeout: 'raise the node’s timeout, or find out why the remote is slow',
  'outcome-unknown':
    'the service failed in a way after which the call may have happened: you are asked whether it did before anything is sent again',
  'bad-secret':
    'the connection’s secret is not what the service needs (e.g. a webhook URL): set the right value in Secrets',
  'bad-connection': 'fix the connection’s URL in Connections (e.g. smtp://user@host:587)',
  smtp: 'read the mail server’s reply in the message; fix the message, the account or the server',
  // MCP tools
  'mcp-call': 'the MCP server did not answer: check that it runs and its URL in Connections',
  'mcp-tool-error': 'the MCP tool refused the call: read its reason, fix the input or the tool',
  'mcp-tool-changed':
    'the MCP server changed this tool since it was approved: review it in Connections → MCP and approve it again',
  // Models and agents
  llm: 'check the model provider in Connections (key, model name, URL)',
  'bad-llm-output':
    'the model did not give the fields asked for, even after repair: try a stronger model or simplify the output fields',
  'too-many-tool-rounds': 'the agent kept calling tools: narrow its instructions or its tools',
  'tool-replay-diverged':
    'the resumed agent asked for other tool calls than it did before: fork the run from before the agent to start it afresh',
  'budget-exceeded': 'raise the run’s budget in the flow’s policies, or make it use less',
  // People and policy
  'policy-denied': 'a policy rule forbids this call: change the rule in the flow’s policies',
  'approval-rejected': 'a person rejected it: read their feedback, change the flow or its input',
  'subflow-failed': 'open the subflow’s run to see why it failed',
} as const satisfies Record<string, string>;

declare const recorded: unique symbol;
/** A code read back from a run's log: it may predate (or postdate) this table. */
export type RecordedCode = string & { readonly [recorded]: true };

/** The code of an error replayed from a log, kept as it was written. */
export const recordedCode = (code: string): RecordedCode => code as RecordedCode;

export type NodeErrorCode = keyof typeof nodeErrorFixes;

/** What to do about an error with this code; none for codes from elsewhere (or older logs). */
export const fixFor = (code: string): string | undefined =>
  Object.hasOwn(nodeErrorFixes, code) ? nodeErrorFixes[code as NodeErrorCode] : undefined;
