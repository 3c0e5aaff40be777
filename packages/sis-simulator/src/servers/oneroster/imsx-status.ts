import { type HttpAnswer, jsonAnswer } from '../http/http-answer.js';

/** OneRoster's imsx_codeMinor values the simulator uses. */
export type ImsxCodeMinor =
  | 'unauthorisedrequest'
  | 'invalid_filter_field'
  | 'invaliddata'
  | 'unknownobject'
  | 'server_busy'
  | 'internal_server_error'
  | 'forbidden';

/** A OneRoster error answer: the imsx status info object, as the 1.1 REST binding describes it. */
export function imsxError(
  status: number,
  codeMinor: ImsxCodeMinor,
  description: string,
  headers: Record<string, string> = {},
): HttpAnswer {
  return jsonAnswer(
    status,
    {
      imsx_codeMajor: 'failure',
      imsx_severity: 'error',
      imsx_description: description,
      imsx_CodeMinor: {
        imsx_codeMinorField: [
          { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
        ],
      },
    },
    headers,
  );
}
