/**
 * Chapter 3.01 "Setting up an API End Point": on the Actionflow Advanced application with no end
 * point yet, the learner builds API Company Data (a company and its orders, or a 404), tries it from
 * the API console, builds the screen actionflow Call API that calls it, and runs it from the Call
 * API screen. Where it ends is where chapter 3.02 starts.
 */
import { FIXTURE } from '$domain/fixtures';
import type { Chapter } from '$lessons/types';
import { API_COMPANY_DATA, CALL_API_FLOW, COMPANY_DATA_PATH, KNOWN_COMPANY_ID, UNKNOWN_COMPANY_ID, loggedInAsDesigner } from '../shared/course';
import * as check from './checks';
import * as solve from './solutions';
import createEndPoint from './steps/01-create-end-point.md?raw';
import companyIdParameter from './steps/02-company-id-parameter.md?raw';
import findCompany from './steps/03-find-company.md?raw';
import findOrders from './steps/04-find-orders.md?raw';
import answerWithCompany from './steps/05-answer-with-company.md?raw';
import answerNotFound from './steps/06-answer-not-found.md?raw';
import urlAlias from './steps/07-url-alias.md?raw';
import tryKnown from './steps/08-try-known-company.md?raw';
import tryUnknown from './steps/09-try-unknown-company.md?raw';
import createCallApi from './steps/10-create-call-api.md?raw';
import httpAction from './steps/11-http-action.md?raw';
import readAnswer from './steps/12-read-answer.md?raw';
import showResult from './steps/13-show-result.md?raw';
import showError from './steps/14-show-error.md?raw';
import attachToButton from './steps/15-attach-to-button.md?raw';
import runScreen from './steps/16-run-screen.md?raw';

const chapter: Chapter = {
  id: 'api-end-point',
  title: '3.01 Setting up an API End Point',
  summary: `Build the API end point ${API_COMPANY_DATA}, which answers with a company and its orders, try it from the API console, and call it from the Call API screen with an actionflow of your own.`,
  kind: 'chapter',
  prerequisites: [],
  startFixture: FIXTURE.apiEndPointStart,
  startChecks: [
    {
      title: `There is no ${API_COMPANY_DATA} or ${CALL_API_FLOW} yet`,
      check: (s) => {
        const built = s.actionflows.filter((a) => a.name === API_COMPANY_DATA || a.name === CALL_API_FLOW).map((a) => a.name);
        return built.length === 0
          ? check.pass
          : check.fail(`Your instance already has ${built.join(' and ')}, which this chapter has you build; start on a fresh instance, or go on to chapter 3.02.`);
      },
    },
    loggedInAsDesigner,
  ],
  steps: [
    {
      id: 'create-end-point',
      title: 'Create the API end point',
      text: createEndPoint,
      check: check.checkEndPointCreated,
      hints: [
        'End points are actionflows of their own kind, listed apart from screen actionflows.',
        'In the Repository, open Actionflow Advanced and look for the button beside API Endpoints.',
        `Select New API end point, type ${API_COMPANY_DATA} into Name in Basic Settings, then select Save.`,
      ],
      solve: ({ client }) => solve.createEndPoint(client),
    },
    {
      id: 'company-id-parameter',
      title: 'Take CompanyID from the call',
      text: companyIdParameter,
      check: check.checkCompanyIdParameter,
      hints: [
        'What a caller sends arrives at the Input action.',
        'Select the Input on the canvas and look at its Parameters.',
        'Add a parameter named CompanyID of type String, then select Save.',
      ],
      solve: ({ client }) => solve.addCompanyIdParameter(client),
    },
    {
      id: 'find-company',
      title: 'Look the company up',
      text: findCompany,
      check: check.checkFindCompany,
      hints: [
        'A View action reads a table; a filter keeps the records you want.',
        'Drag Companies from the Repository onto the canvas, then connect the Input\'s out point to the new View.',
        'Map CompanyID onto a new parameter CompanyID, give the View the filter CompanyID = in.CompanyID, then Save.',
      ],
      solve: ({ client }) => solve.findCompany(client),
    },
    {
      id: 'find-orders',
      title: "Look the company's orders up",
      text: findOrders,
      check: check.checkFindOrders,
      hints: [
        'Do for Orders what you did for Companies, starting from the company found.',
        'Drag Orders onto the canvas and connect the out point of the View on Companies to it.',
        'Map CompanyID onto a new parameter CompanyID, add the filter CompanyID = in.CompanyID, then Save.',
      ],
      solve: ({ client }) => solve.findOrders(client),
    },
    {
      id: 'answer-with-company',
      title: 'Answer with the company and its orders',
      text: answerWithCompany,
      check: check.checkOutputBody,
      hints: [
        'The Output answers with what is mapped onto it, once per record it receives.',
        'Remove the connection from the Input to the Output, and connect the out point of the View on Orders to the Output instead.',
        'Make that connection a Lookup named Orders, map CompanyID, CompanyName, Industry and Orders onto new parameters, then Save.',
      ],
      solve: ({ client }) => solve.answerWithCompany(client),
    },
    {
      id: 'answer-not-found',
      title: 'Answer 404 when no company matches',
      text: answerNotFound,
      check: check.checkNotFound,
      hints: [
        'A View sends a record on its empty point when it finds nothing.',
        'Add a second Output with the input parameter error.message, and connect the empty point of the View on Companies to it.',
        'In the mapping window, use Expression for statusCode (404) and Expression for error.message (a sentence, e.g. with concat), then Save.',
      ],
      solve: ({ client }) => solve.answerNotFound(client),
    },
    {
      id: 'url-alias',
      title: 'Give it a URL Alias',
      text: urlAlias,
      check: check.checkUrlAlias,
      hints: [
        "The alias is one of the end point's own settings, not an action's.",
        'Click an empty spot of the canvas and look in the API section of the settings.',
        'Type companydata into URL Alias, leave Allow Anonymous Connections on, then Save.',
      ],
      solve: ({ client }) => solve.setUrlAlias(client),
    },
    {
      id: 'try-known-company',
      title: 'Call it for a company that exists',
      text: tryKnown,
      check: check.checkTriedKnown,
      hints: [
        'The API console sends a request to any URL of the sandbox.',
        "Select Try it in the designer's toolbar to open the console with the end point's URL.",
        `Add ?CompanyID=${KNOWN_COMPANY_ID} to ${COMPANY_DATA_PATH} and send it; expect status 200.`,
      ],
      solve: ({ client }) => solve.tryKnownCompany(client),
    },
    {
      id: 'try-unknown-company',
      title: 'Call it for a company that does not exist',
      text: tryUnknown,
      check: check.checkTriedUnknown,
      hints: [
        'Send the same request with a CompanyID nobody has.',
        `In the API console, end the URL with ?CompanyID=${UNKNOWN_COMPANY_ID} and send it; expect status 404.`,
      ],
      solve: ({ client }) => solve.tryUnknownCompany(client),
    },
    {
      id: 'create-call-api',
      title: 'Create the Call API actionflow',
      text: createCallApi,
      check: check.checkCallApiCreated,
      hints: [
        'Screen actionflows are created beside Actionflows in the Repository, not beside API Endpoints.',
        `Select New actionflow under Actionflow Advanced → Actionflows and name it ${CALL_API_FLOW}.`,
        'Select its Input, add the parameter CompanyID (String), then Save.',
      ],
      solve: ({ client }) => solve.createCallApi(client),
    },
    {
      id: 'http-action',
      title: 'Call the end point with an HTTP action',
      text: httpAction,
      check: check.checkHttpAction,
      hints: [
        "An HTTP action sends a request; its URL Template can use the action's input parameters.",
        "Add an HTTP action, connect the Input's out to it and map CompanyID onto a new parameter CompanyID.",
        `Set the URL Template to ${solve.CALL_API_URL_TEMPLATE}, keep GET, then Save.`,
      ],
      solve: ({ client }) => solve.addHttpAction(client),
    },
    {
      id: 'read-answer',
      title: 'Read the answer',
      text: readAnswer,
      check: check.checkReadAnswer,
      hints: [
        'The answer comes as JSON text in body; a JSON action turns it into attributes.',
        "Add a JSON action, connect the HTTP action's out to it and map body onto a new parameter body.",
        'Add the Output Attributes CompanyID, CompanyName and Industry with the expressions _result.CompanyID, _result.CompanyName and _result.Industry, then Save.',
      ],
      solve: ({ client }) => solve.readAnswer(client),
    },
    {
      id: 'show-result',
      title: 'Show the company on the screen',
      text: showResult,
      check: check.checkShowResult,
      hints: [
        'A Screen output fills the fields of a screen.',
        "Add a Screen output for the Call API screen and connect the JSON action's out to it.",
        'Map status onto Status, "The call succeeded." onto StatusMessage, Industry, CompanyName and CompanyID onto their fields, and body onto Results; then Save.',
      ],
      solve: ({ client }) => solve.showResult(client),
    },
    {
      id: 'show-error',
      title: 'Show an error on the screen',
      text: showError,
      check: check.checkShowError,
      hints: [
        'A failed call leaves the HTTP action on its error point.',
        'Connect the error point to a second JSON action with the Path $.error and the Output Attribute message (_result.message).',
        'Connect that to a second Screen output for Call API; map status onto Status, message onto StatusMessage, CompanyID onto CompanyID and body onto Results; then Save.',
      ],
      solve: ({ client }) => solve.showError(client),
    },
    {
      id: 'attach-to-button',
      title: 'Attach Call API to the button',
      text: attachToButton,
      check: check.checkAttached,
      hints: ["A screen's buttons each run one actionflow.", `Open Screens → Call API and choose ${CALL_API_FLOW} for the Call API button in Button actionflows.`],
      solve: ({ client }) => solve.attachToButton(client),
    },
    {
      id: 'run-screen',
      title: 'Run it and see the company',
      text: runScreen,
      check: check.checkRanScreen,
      hints: ['Run the screen as a user of the application would.', `On the Call API screen, type ${KNOWN_COMPANY_ID} into CompanyID and select Call API.`],
      solve: ({ client }) => solve.runScreen(client),
    },
  ],
};

export default chapter;
