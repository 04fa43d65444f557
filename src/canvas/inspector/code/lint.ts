import { linter } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { expressionProblem, templateProblem } from '../../../nodes/syntax.ts';

/** The code languages of node configs: Liquid templates, JSONata expressions, JavaScript. */
export type CodeLanguage = 'template' | 'expression' | 'javascript';

/**
 * The syntax error of a template or expression as an editor diagnostic, from the same check the
 * flow's validation runs (`src/nodes/syntax.ts`), so the marker and the message under the field
 * agree. An empty expression gets no marker: the field's own message says it is required.
 * @example syntaxDiagnostics('a b', 'expression') // [{ from: 2, to: 3, severity: 'error', ... }]
 */
export function syntaxDiagnostics(text: string, language: CodeLanguage): Diagnostic[] {
  if (language === 'expression' && text === '') return [];
  // JavaScript is checked where it runs, in the sandbox, which names the line of a syntax error.
  if (language === 'javascript') return [];
  const problem = language === 'template' ? templateProblem(text) : expressionProblem(text);
  if (!problem) return [];
  return [
    {
      from: problem.from,
      to: problem.to,
      severity: 'error',
      source: language === 'template' ? 'Liquid' : 'JSONata',
      message: problem.message,
    },
  ];
}

/** Marks the syntax error in the editor shortly after typing stops. */
export const syntaxLinter = (language: CodeLanguage) =>
  linter((view) => syntaxDiagnostics(view.state.doc.toString(), language), { delay: 300 });
