/**
 * Chapter "Stop Multiple Processes Running While Performing Data Import": on the instance where 3.02
 * ends, the learner builds ImportCompanies in the designer (a slow import: Calculate with sleep(20),
 * Analysis, View Latest, Save Insert), puts it and the screen's other actionflows in the exclusion
 * group Import, gives Company Management's Import button a second instance of it, and sees a second
 * run refused while the first runs. Results are checked from the data and the audit trail.
 */
import type { SandboxClient } from '$client/index';
import { actionFocus, attributeFocus, connectionFocus, focusOfProblem, validateActionflow, type Actionflow } from '$domain/actionflow';
import { auditEntries } from '$domain/checks';
import { expressionReferences } from '$domain/expression';
import { FIXTURE } from '$domain/fixtures';
import { sameName } from '$domain/rules';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Chapter, CheckResult, StartCheck } from '$lessons/types';
import { loggedInAsDesigner } from '../shared/course';
import {
  APPROVAL_SCREEN,
  APPROVAL_SCREEN_ID,
  COMPANIES_TABLE,
  COMPANIES_TABLE_ID,
  IMPORT_BUTTON,
  IMPORTS_TABLE,
  IMPORTS_TABLE_ID,
  MANAGEMENT_SCREEN,
  MANAGEMENT_SCREEN_ID,
} from '../shared/import-names';
import { GROUP, IMPORT_FLOW, compact, editImportFlow, ensureImportFlow, ensureNext, importChain, importFlow, mapSame } from './import-flow';
import createFlow from './steps/01-create-import-flow.md?raw';
import addCalculate from './steps/02-add-calculate.md?raw';
import analysisModel from './steps/03-analysis-model.md?raw';
import addAnalysis from './steps/04-add-analysis.md?raw';
import addView from './steps/05-add-view.md?raw';
import addSave from './steps/06-add-save.md?raw';
import exclusionGroup from './steps/07-exclusion-group.md?raw';
import secondInstance from './steps/08-second-instance.md?raw';
import runImport from './steps/09-run-import.md?raw';
import runAgain from './steps/10-run-again.md?raw';
import seeRefusal from './steps/11-see-refusal.md?raw';

const pass: CheckResult = { ok: true };
const fail = (reason: string, focus?: string): CheckResult => ({ ok: false, reason, focus });

const SLEEP = 'sleep(20)';
const approvalFocus = `screen:${APPROVAL_SCREEN_ID}:button:${IMPORT_BUTTON}`;
const managementFocus = `screen:${MANAGEMENT_SCREEN_ID}:button:${IMPORT_BUTTON}`;

/** ImportCompanies, or the reason it is not there yet (step 1). */
function flowOrFail(s: InstanceSnapshot): Actionflow | CheckResult {
  return importFlow(s) ?? fail(`There is no screen actionflow named ${IMPORT_FLOW} yet: create it first (step 1).`, 'tree:actionflows');
}
const isFlow = (x: Actionflow | CheckResult): x is Actionflow => 'actions' in x;

function checkCreated(s: InstanceSnapshot): CheckResult {
  const flow = importFlow(s);
  const button = s.screens.find((x) => x.id === APPROVAL_SCREEN_ID)?.buttons.find((b) => b.name === IMPORT_BUTTON);
  if (!flow) return fail(`There is no screen actionflow named ${IMPORT_FLOW} yet.`, approvalFocus);
  if (!button) return fail(`The ${APPROVAL_SCREEN} screen has no ${IMPORT_BUTTON} button.`, approvalFocus);
  if (button.actionflowId !== flow.id) return fail(`The ${IMPORT_BUTTON} button of ${APPROVAL_SCREEN} does not run ${IMPORT_FLOW} yet: choose it in the screen's Button actionflows.`, approvalFocus);
  return pass;
}

function checkCalculate(s: InstanceSnapshot): CheckResult {
  const flow = flowOrFail(s);
  if (!isFlow(flow)) return flow;
  const { input, calculate } = importChain(flow);
  if (!calculate) return fail(`${IMPORT_FLOW} has no Calculate action connected from its Input's out point yet.`, input ? actionFocus(flow.id, input.id, 'point:out') : `actionflow:${flow.id}`);
  const attributesFocus = actionFocus(flow.id, calculate.action.id, 'props.attributes');
  const attributes = calculate.action.props.attributes;
  const status = attributes.find((a) => a.name === 'Status');
  if (!status) return fail(`The Calculate action ${calculate.action.name} has no output attribute Status yet.`, attributesFocus);
  if (status.type !== 'String') return fail(`The output attribute Status of ${calculate.action.name} is of type ${status.type}; it should be String.`, attributesFocus);
  if (compact(status.expression) !== '"New"') return fail(`The expression of Status in ${calculate.action.name} is ${status.expression || '(empty)'}; it should be "New", with the quotes.`, attributesFocus);
  const delay = attributes.find((a) => a.name === 'Delay');
  if (!delay) return fail(`The Calculate action ${calculate.action.name} has no output attribute Delay yet.`, attributesFocus);
  if (delay.type !== 'Integer') return fail(`The output attribute Delay of ${calculate.action.name} is of type ${delay.type}; it should be Integer.`, attributesFocus);
  if (compact(delay.expression) !== SLEEP) return fail(`The expression of Delay in ${calculate.action.name} is ${delay.expression || '(empty)'}; it should be ${SLEEP}, a 20-second wait.`, attributesFocus);
  return pass;
}

function checkModel(s: InstanceSnapshot): CheckResult {
  const table = s.tables.find((t) => t.id === IMPORTS_TABLE_ID);
  if (!table) return fail(`The application has no table ${IMPORTS_TABLE}.`, 'tree:tables');
  const status = table.attributes.find((a) => a.name === 'Status');
  const focus = attributeFocus(table.id, 'Status');
  if (!status?.expression) return fail(`The attribute Status of ${IMPORTS_TABLE} has no expression in the analysis model yet.`, focus);
  let refs;
  try {
    refs = expressionReferences(status.expression);
  } catch {
    return fail(`The expression of Status in ${IMPORTS_TABLE} does not parse: ${status.expression}.`, focus);
  }
  if (!refs.some((r) => r.root === '_context' && r.name === 'Status') || compact(status.expression) !== '_context.Status') {
    return fail(`The expression of Status in ${IMPORTS_TABLE} is ${status.expression}; it should be _context.Status, the Status the Analysis action is given.`, focus);
  }
  return pass;
}

function checkAnalysis(s: InstanceSnapshot): CheckResult {
  const flow = flowOrFail(s);
  if (!isFlow(flow)) return flow;
  const { calculate, analysis } = importChain(flow);
  if (!calculate) return fail(`${IMPORT_FLOW} needs its Calculate action first (step 2).`, `actionflow:${flow.id}`);
  if (!analysis) return fail(`${IMPORT_FLOW} has no Analysis action connected from the out point of ${calculate.action.name} yet.`, actionFocus(flow.id, calculate.action.id, 'point:out'));
  if (!analysis.action.props.tableIds.includes(IMPORTS_TABLE_ID)) return fail(`The Analysis action ${analysis.action.name} does not run ${IMPORTS_TABLE} yet: drag the table into its Tables.`, actionFocus(flow.id, analysis.action.id, 'props.tableIds'));
  if (!analysis.connection.mappings.some((m) => m.target === 'Status' && 'attribute' in m && m.attribute === 'Status')) {
    return fail(`The connection into ${analysis.action.name} does not map Status onto an input parameter Status yet, so _context.Status would be empty.`, connectionFocus(flow.id, analysis.connection.id));
  }
  return pass;
}

function checkView(s: InstanceSnapshot): CheckResult {
  const flow = flowOrFail(s);
  if (!isFlow(flow)) return flow;
  const { analysis, view } = importChain(flow);
  if (!analysis) return fail(`${IMPORT_FLOW} needs its Analysis action first (step 4).`, `actionflow:${flow.id}`);
  if (!view) return fail(`${IMPORT_FLOW} has no View action connected from the out point of ${analysis.action.name} yet.`, actionFocus(flow.id, analysis.action.id, 'point:out'));
  if (view.action.props.tableId !== IMPORTS_TABLE_ID) return fail(`The View action ${view.action.name} reads another table; it should read ${IMPORTS_TABLE}.`, actionFocus(flow.id, view.action.id, 'props.tableId'));
  if (view.action.props.dataRange !== 'latest') return fail(`The Data Range of ${view.action.name} is All; set it to Latest, so a second import finds only what its own analysis processed.`, actionFocus(flow.id, view.action.id, 'props.dataRange'));
  return pass;
}

function checkSave(s: InstanceSnapshot): CheckResult {
  const flow = flowOrFail(s);
  if (!isFlow(flow)) return flow;
  const { view, save } = importChain(flow);
  if (!view) return fail(`${IMPORT_FLOW} needs its View action first (step 5).`, `actionflow:${flow.id}`);
  if (!save) return fail(`${IMPORT_FLOW} has no Save action connected from the out point of ${view.action.name} yet.`, actionFocus(flow.id, view.action.id, 'point:out'));
  const focus = (field: string) => actionFocus(flow.id, save.action.id, field);
  if (save.action.props.tableId !== COMPANIES_TABLE_ID) return fail(`The Save action ${save.action.name} saves into another table; it should save into ${COMPANIES_TABLE}.`, focus('props.tableId'));
  if (save.action.props.type !== 'insert') return fail(`The Type of ${save.action.name} should be Insert: an imported company is new.`, focus('props.type'));
  if (!save.action.props.autoSaveAttributes) return fail(`Switch Auto Save Attributes on in ${save.action.name}, so attributes you did not map are saved too.`, focus('props.autoSaveAttributes'));
  if (!save.connection.mappings.some((m) => m.target === 'CompanyID')) return fail(`The connection into ${save.action.name} does not map CompanyID yet (Map all maps every attribute).`, connectionFocus(flow.id, save.connection.id));
  const [problem] = validateActionflow(flow, { tables: s.tables.filter((t) => t.applicationId === flow.applicationId), screens: s.screens.filter((x) => x.applicationId === flow.applicationId) });
  if (problem) return fail(`${IMPORT_FLOW} still has a problem: ${problem.message}`, focusOfProblem(flow.id, problem.where));
  return pass;
}

/** The actionflows the Company Approval Review screen's buttons run, but ImportCompanies. */
function otherApprovalFlows(s: Pick<InstanceSnapshot, 'screens' | 'actionflows'>, importId: string): Actionflow[] {
  const ids = new Set(s.screens.find((x) => x.id === APPROVAL_SCREEN_ID)?.buttons.map((b) => b.actionflowId).filter((id): id is string => !!id && id !== importId));
  return s.actionflows.filter((a) => ids.has(a.id));
}

function checkGroup(s: InstanceSnapshot): CheckResult {
  const flow = flowOrFail(s);
  if (!isFlow(flow)) return flow;
  if (flow.exclusionGroup.trim() === '') return fail(`${IMPORT_FLOW} has no Exclusion Group yet: set it to ${GROUP} in its Basic Settings.`, `actionflow:${flow.id}:exclusionGroup`);
  for (const other of otherApprovalFlows(s, flow.id)) {
    if (!sameName(other.exclusionGroup, flow.exclusionGroup)) {
      const now = other.exclusionGroup.trim() ? `is in the group ${other.exclusionGroup.trim()}` : 'has no Exclusion Group';
      return fail(`${other.name}, which ${APPROVAL_SCREEN} also runs, ${now}; set it to ${flow.exclusionGroup.trim()} too.`, `actionflow:${other.id}:exclusionGroup`);
    }
  }
  return pass;
}

function checkSecondInstance(s: InstanceSnapshot): CheckResult {
  const flow = flowOrFail(s);
  if (!isFlow(flow)) return flow;
  const button = s.screens.find((x) => x.id === MANAGEMENT_SCREEN_ID)?.buttons.find((b) => b.name === IMPORT_BUTTON);
  if (!button) return fail(`The ${MANAGEMENT_SCREEN} screen has no ${IMPORT_BUTTON} button.`, managementFocus);
  if (button.actionflowId !== flow.id) return fail(`The ${IMPORT_BUTTON} button of ${MANAGEMENT_SCREEN} does not run ${IMPORT_FLOW} yet: drag ${IMPORT_FLOW} from the Repository onto it.`, managementFocus);
  return pass;
}

/** Whether Companies holds every company waiting in AdditionalCompanies_Processed, with Status New (or why not). */
function importedOnce(s: InstanceSnapshot): CheckResult {
  const waiting = s.additionalCompanies ?? [];
  const companies = new Map<string, number>();
  const status = new Map<string, unknown>();
  for (const c of s.companies ?? []) {
    companies.set(c.CompanyID, (companies.get(c.CompanyID) ?? 0) + 1);
    status.set(c.CompanyID, c.Status);
  }
  const missing = waiting.filter((c) => !companies.has(c.CompanyID));
  if (missing.length > 0) {
    return fail(`${COMPANIES_TABLE} does not hold ${missing.length === waiting.length ? `any of the ${waiting.length} companies to import` : `${missing.length} of the companies to import (such as ${missing[0]!.CompanyID})`} yet: press ${IMPORT_BUTTON} on ${APPROVAL_SCREEN} and let it finish.`, approvalFocus);
  }
  const twice = waiting.find((c) => (companies.get(c.CompanyID) ?? 0) > 1);
  if (twice) return fail(`${COMPANIES_TABLE} holds ${twice.CompanyID} more than once.`, `table:${COMPANIES_TABLE_ID}`);
  const wrong = waiting.find((c) => status.get(c.CompanyID) !== 'New');
  if (wrong) return fail(`${wrong.CompanyID} was imported with Status ${JSON.stringify(status.get(wrong.CompanyID))}, not New: check the analysis model of ${IMPORTS_TABLE} and the Status mapped into the Analysis action.`, attributeFocus(IMPORTS_TABLE_ID, 'Status'));
  return pass;
}

/** Button runs of ImportCompanies that ended well, oldest first. */
const importSuccesses = (s: InstanceSnapshot) => auditEntries(s, { actionflow: importFlow(s)?.name ?? IMPORT_FLOW, status: 200 }).filter((e) => e.outcome === 'success');

function checkRunAgain(s: InstanceSnapshot): CheckResult {
  const imported = importedOnce(s);
  if (!imported.ok) return imported;
  if (importSuccesses(s).length < 2) return fail(`Press ${IMPORT_BUTTON} again and let it finish: the second run should end well and add nothing.`, approvalFocus);
  return pass;
}

function checkRefusal(s: InstanceSnapshot): CheckResult {
  const flow = importFlow(s);
  const refused = auditEntries(s, { code: 'exclusion_group_busy' }).filter((e) => flow && sameName(e.actionflow, flow.name) && (e.reason ?? '').includes('exclusion group'));
  const last = refused.at(-1);
  if (!last) return fail(`No run of ${IMPORT_FLOW} has been refused yet: press ${IMPORT_BUTTON} on ${APPROVAL_SCREEN}, then, while it runs, ${IMPORT_BUTTON} on ${MANAGEMENT_SCREEN}.`, managementFocus);
  if (!importSuccesses(s).some((e) => e.at >= last.at)) return fail(`The refused run is in the audit trail; now let the running import finish.`, approvalFocus);
  return pass;
}

/** Runs `screenId`'s Import and, once it waits in its sleep, fast-forwards the sandbox clock over it. */
async function importFastForwarded(client: SandboxClient, screenId: string, whileRunning?: () => Promise<void>): Promise<void> {
  const pressed = client.runButton(screenId, IMPORT_BUTTON, {});
  const until = await sleepingUntil(client, screenId, pressed);
  if (until && whileRunning) await whileRunning();
  if (until) await client.fastForward(Math.max(1, Date.parse(until) - Date.parse((await client.getClock()).now)));
  const result = await pressed;
  if (result.outcome !== 'success') throw new Error(result.message ?? `The ${IMPORT_BUTTON} button did not run to its end.`);
}

/** When the screen's run sleeps until (null when it ended first). */
async function sleepingUntil(client: SandboxClient, screenId: string, pressed: Promise<unknown>): Promise<string | null> {
  let ended = false;
  void pressed.then(
    () => (ended = true),
    () => (ended = true),
  );
  for (let i = 0; i < 500 && !ended; i++) {
    const run = (await client.runningRuns()).find((r) => r.origin.screenId === screenId && r.sleepingUntil);
    if (run) return run.sleepingUntil;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

const startChecks: StartCheck[] = [
  {
    title: `The ${APPROVAL_SCREEN} and ${MANAGEMENT_SCREEN} screens each have an ${IMPORT_BUTTON} button`,
    check: (s) => {
      for (const id of [APPROVAL_SCREEN_ID, MANAGEMENT_SCREEN_ID]) {
        const screen = s.screens.find((x) => x.id === id);
        if (!screen?.buttons.some((b) => b.name === IMPORT_BUTTON)) return fail(`Your instance has no screen ${id} with an ${IMPORT_BUTTON} button, which this chapter builds on.`);
      }
      return pass;
    },
  },
  {
    title: `${APPROVAL_SCREEN} runs another actionflow besides the import`,
    check: (s) => (s.screens.find((x) => x.id === APPROVAL_SCREEN_ID)?.buttons.some((b) => b.name !== IMPORT_BUTTON && b.actionflowId) ? pass : fail(`${APPROVAL_SCREEN} has no other actionflow on its buttons for the exclusion group to cover.`)),
  },
  {
    title: `${IMPORTS_TABLE} holds companies to import, none of them in ${COMPANIES_TABLE} yet`,
    check: (s) => {
      const waiting = s.additionalCompanies ?? [];
      if (waiting.length === 0) return fail(`${IMPORTS_TABLE} holds no companies to import.`);
      const ids = new Set((s.companies ?? []).map((c) => c.CompanyID));
      return waiting.some((c) => ids.has(c.CompanyID)) ? fail(`${COMPANIES_TABLE} holds some of the companies to import already, so the import could not insert them.`) : pass;
    },
  },
  loggedInAsDesigner,
];

const chapter: Chapter = {
  id: 'stop-multiple-processes',
  title: 'Stop Multiple Processes Running While Performing Data Import',
  summary: 'Build a slow import of companies in the designer, and use an exclusion group so that nobody can start it, or the screen\'s other actionflows, again while it runs.',
  kind: 'chapter',
  prerequisites: ['add-authentication'],
  startFixture: FIXTURE.dataImportStart,
  startChecks,
  steps: [
    {
      id: 'create-import-flow',
      title: 'Create ImportCompanies on the Import button',
      text: createFlow,
      check: checkCreated,
      hints: [
        `Screen actionflows live under Actionflow Advanced → Actionflows in the Repository.`,
        `Select + (New actionflow) beside Actionflows and name it ${IMPORT_FLOW}.`,
        `Open Screens → ${APPROVAL_SCREEN} and, under Button actionflows, choose ${IMPORT_FLOW} for ${IMPORT_BUTTON} (or drag ${IMPORT_FLOW} from the Repository onto the button).`,
      ],
      solve: async ({ client }) => {
        await ensureImportFlow(client);
      },
    },
    {
      id: 'add-calculate',
      title: 'Add a Calculate action that waits',
      text: addCalculate,
      check: checkCalculate,
      hints: [
        'A Calculate action adds output attributes, each computed by an expression.',
        'Drag Calculate from the toolbar onto the canvas, name it, select Create Action, and connect the Input\'s out point to it.',
        `Add two output attributes: Status, String, "New" (with the quotes); Delay, Integer, ${SLEEP}. Then select Save.`,
      ],
      solve: async ({ client }) =>
        editImportFlow(client, (flow, repository) => {
          const input = flow.actions.find((a) => a.kind === 'input')!;
          const { action } = ensureNext(flow, input, 'calculate', 'Set Status', repository);
          const rest = action.props.attributes.filter((a) => a.name !== 'Status' && a.name !== 'Delay');
          action.props.attributes = [{ name: 'Status', type: 'String', expression: '"New"' }, { name: 'Delay', type: 'Integer', expression: SLEEP }, ...rest];
        }),
    },
    {
      id: 'analysis-model',
      title: 'Set Status in the analysis model',
      text: analysisModel,
      check: checkModel,
      hints: [
        `The analysis model belongs to the table, not to the actionflow: open ${IMPORTS_TABLE} from the Repository's Tables.`,
        'In its Analysis model section, select Edit in the row of Status.',
        'Type _context.Status as the Expression, then select Save expression.',
      ],
      solve: async ({ client }) => {
        await client.setAttributeExpression(IMPORTS_TABLE_ID, 'Status', '_context.Status');
      },
    },
    {
      id: 'add-analysis',
      title: 'Run the analysis of AdditionalCompanies_Processed',
      text: addAnalysis,
      check: checkAnalysis,
      hints: [
        'An Analysis action runs the analysis model of the tables listed in it.',
        `Drag Analysis onto the canvas, connect the Calculate action's out point to it, and drag ${IMPORTS_TABLE} from the Repository onto it.`,
        'In the mapping window of that connection, drag Status onto the right-hand side to make an input parameter Status (or select Map all), then Save.',
      ],
      solve: async ({ client }) =>
        editImportFlow(client, (flow, repository) => {
          const { calculate } = importChain(flow);
          if (!calculate) throw new Error(`${IMPORT_FLOW} needs its Calculate action first (step 2).`);
          const { action, connection } = ensureNext(flow, calculate.action, 'analysis', 'Process Companies', repository);
          if (!action.props.tableIds.includes(IMPORTS_TABLE_ID)) action.props.tableIds = [...action.props.tableIds, IMPORTS_TABLE_ID];
          mapSame(action, connection, 'Status', 'String');
        }),
    },
    {
      id: 'add-view',
      title: 'View the latest processed companies',
      text: addView,
      check: checkView,
      hints: [
        'A View action reads the records of a table; its Data Range decides which.',
        `Drag ${IMPORTS_TABLE} from the Repository onto the canvas (that makes a View of it), and connect the Analysis action's out point to it.`,
        'In the View\'s properties, set Data Range to Latest, then Save.',
      ],
      solve: async ({ client }) =>
        editImportFlow(client, (flow, repository) => {
          const { analysis } = importChain(flow);
          if (!analysis) throw new Error(`${IMPORT_FLOW} needs its Analysis action first (step 4).`);
          const { action } = ensureNext(flow, analysis.action, 'view', 'Processed Companies', repository);
          action.props.tableId = IMPORTS_TABLE_ID;
          action.props.dataRange = 'latest';
        }),
    },
    {
      id: 'add-save',
      title: 'Save the new companies into Companies',
      text: addSave,
      check: checkSave,
      hints: [
        'A Save action writes the records it receives into a transactional table.',
        `Drag Save onto the canvas, connect the View's out point to it, choose ${COMPANIES_TABLE} as its table and Insert as its Type; leave Auto Save Attributes on.`,
        'In the mapping window of the View → Save connection, select Map all, then Save; the problems list must be empty.',
      ],
      solve: async ({ client }) =>
        editImportFlow(client, (flow, repository) => {
          const { view } = importChain(flow);
          if (!view) throw new Error(`${IMPORT_FLOW} needs its View action first (step 5).`);
          const { action, connection } = ensureNext(flow, view.action, 'save', 'Save Companies', repository);
          action.props = { tableId: COMPANIES_TABLE_ID, type: 'insert', autoSaveAttributes: true };
          const companies = repository.tables.find((t) => t.id === COMPANIES_TABLE_ID)!;
          // Parameters the table does not have would be a problem: keep only its attributes.
          action.inputs = action.inputs.filter((p) => companies.attributes.some((a) => a.name === p.name));
          connection.mappings = connection.mappings.filter((m) => action.inputs.some((p) => p.name === m.target));
          for (const attribute of companies.attributes) mapSame(action, connection, attribute.name, attribute.type);
        }),
    },
    {
      id: 'exclusion-group',
      title: 'Put the screen\'s actionflows in one exclusion group',
      text: exclusionGroup,
      check: checkGroup,
      hints: [
        'The Exclusion Group is one of an actionflow\'s Basic Settings; the same text (any case) makes the same group.',
        `Open ${IMPORT_FLOW}, select nothing on the canvas, and type ${GROUP} in Exclusion Group; then Save.`,
        `Do the same for every other actionflow ${APPROVAL_SCREEN} runs (open it from the screen's Button actionflows).`,
      ],
      solve: async ({ client }) => {
        const id = await ensureImportFlow(client);
        const s = await client.getRepository();
        const flow = importFlow(s)!;
        const group = flow.exclusionGroup.trim() || GROUP;
        if (!sameName(flow.exclusionGroup, group)) await client.updateActionflow(id, { exclusionGroup: group });
        for (const other of otherApprovalFlows(s, id)) {
          if (!sameName(other.exclusionGroup, group)) await client.updateActionflow(other.id, { exclusionGroup: group });
        }
      },
    },
    {
      id: 'second-instance',
      title: 'Give Company Management the same import',
      text: secondInstance,
      check: checkSecondInstance,
      hints: [
        'One actionflow can serve several buttons: each is another instance of it.',
        `Open Screens → ${MANAGEMENT_SCREEN}.`,
        `Drag ${IMPORT_FLOW} from the Repository onto its ${IMPORT_BUTTON} button, or choose it under Button actionflows.`,
      ],
      solve: async ({ client }) => {
        await client.attachActionflow(MANAGEMENT_SCREEN_ID, IMPORT_BUTTON, await ensureImportFlow(client));
      },
    },
    {
      id: 'run-import',
      title: 'Run the import',
      text: runImport,
      check: importedOnce,
      hints: [
        'The import runs from either screen\'s Import button; it takes 20 seconds.',
        `Open ${APPROVAL_SCREEN}, select ${IMPORT_BUTTON}, and wait for it to finish (or, as a designer, fast-forward the sandbox clock).`,
      ],
      solve: async ({ client }) => importFastForwarded(client, APPROVAL_SCREEN_ID),
    },
    {
      id: 'run-again',
      title: 'Run it again: nothing is added',
      text: runAgain,
      check: checkRunAgain,
      hints: [
        'Data Range Latest reads only the records the import\'s own analysis processed.',
        `Select ${IMPORT_BUTTON} on ${APPROVAL_SCREEN} once more and let it finish; the Companies grid keeps the same rows.`,
      ],
      solve: async ({ client }) => importFastForwarded(client, APPROVAL_SCREEN_ID),
    },
    {
      id: 'see-refusal',
      title: 'See the second import refused',
      text: seeRefusal,
      check: checkRefusal,
      hints: [
        'Open both screens; the refusal comes while the first import is still running.',
        `Select ${IMPORT_BUTTON} on ${APPROVAL_SCREEN}, then, within 20 seconds, ${IMPORT_BUTTON} on ${MANAGEMENT_SCREEN}: read the warning, then let the first finish.`,
        'The Audit trail lists the refused run with the code exclusion_group_busy and its reason.',
      ],
      solve: async ({ client }) =>
        importFastForwarded(client, APPROVAL_SCREEN_ID, async () => {
          const refused = await client.runButton(MANAGEMENT_SCREEN_ID, IMPORT_BUTTON, {});
          if (refused.outcome !== 'refused') throw new Error(`The second import was not refused: it ended ${refused.outcome}.`);
        }),
    },
  ],
};

export default chapter;
