import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { parseDocument } from "yaml";
import { type Competency, parseCompetencyCatalog } from "../domain/competency.js";
import { type HolidayCalendar, parseHolidays } from "../domain/holidays.js";
import {
  buildInstrument,
  checkInstrumentCoverage,
  type Instrument,
  parseStandardStatements,
  parseTeknisSample,
} from "../domain/instrument.js";
import { type JpCreditRules, parseJpCreditRules } from "../domain/learning-methods.js";
import { checkSkjCoverage, parseSkjDefaults, type SkjDefaults } from "../domain/skj.js";
import { parseSurveyDefinition, type SurveyDefinition } from "../domain/survey.js";
import { parseRegions, type Region } from "../domain/timezone.js";
import { ContentValidationError } from "../domain/validation.js";
import { REPO_ROOT } from "../paths.js";

/** A content file that could not be read, parsed or validated; every line of the message starts with the file. */
export class ContentFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
    this.name = "ContentFileError";
  }
}

/** The domain data admins edit in `flows/content/`, validated. */
export interface DomainContent {
  /** The nine standard competencies. */
  competencies: Competency[];
  /** The standard competencies followed by the teknis ones of the jabatan families. */
  allCompetencies: Competency[];
  instrument: Instrument;
  /** The yearly JP goal, minutes per JP, and JP per self-reported nonklasikal activity. */
  jpRules: JpCreditRules;
  skjDefaults: SkjDefaults;
  regions: Region[];
  /** Libur nasional and cuti bersama: no morning nudges on them. */
  holidays: HolidayCalendar;
  /** Satisfaction surveys from `flows/surveys/`. */
  surveys: SurveyDefinition[];
}

/** A path as people find it: relative to the repository when inside it, else as given. */
export function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** Reads and parses one YAML file; a syntax error names the file and line. */
export function loadYamlFile(path: string): unknown {
  const file = displayPath(path);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (err) {
    throw new ContentFileError(file, [`cannot read: ${(err as Error).message}`]);
  }
  const doc = parseDocument(source, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ContentFileError(
      file,
      doc.errors.map(
        (e) => `line ${e.linePos?.[0]?.line ?? "?"}: ${e.message.split("\n")[0]!.replace(/:$/, "")}`,
      ),
    );
  }
  return doc.toJS();
}

/** Parses a loaded file with `parse`, turning validation problems into a ContentFileError naming the file. */
function validated<T>(path: string, parse: (raw: unknown) => T): T {
  const raw = loadYamlFile(path);
  try {
    return parse(raw);
  } catch (err) {
    if (err instanceof ContentValidationError) throw new ContentFileError(displayPath(path), err.problems);
    throw err;
  }
}

/** Loads competencies, SKJ defaults, regions and the assessment instrument from `<flowsDir>/content/`; stops at the first bad file. */
export function loadDomainContent(flowsDir: string): DomainContent {
  const file = (name: string) => join(flowsDir, "content", name);
  const competencies = validated(file("competencies.yaml"), parseCompetencyCatalog);
  const skjPath = file("skj-defaults.yaml");
  const skjDefaults = validated(skjPath, parseSkjDefaults);
  const coverage = checkSkjCoverage(skjDefaults, competencies);
  if (coverage.length > 0) throw new ContentFileError(displayPath(skjPath), coverage);
  const regions = validated(file("regions.yaml"), parseRegions);
  const instrumentPath = file("instrument.yaml");
  const instrument = buildInstrument(
    validated(instrumentPath, parseStandardStatements),
    validated(file("teknis-sample.yaml"), parseTeknisSample),
  );
  const gaps = checkInstrumentCoverage(instrument, competencies);
  if (gaps.length > 0) throw new ContentFileError(displayPath(instrumentPath), gaps);
  const jpRules = validated(file("jp-rules.yaml"), parseJpCreditRules);
  const holidays = validated(file("holidays.yaml"), parseHolidays);
  const surveysDir = join(flowsDir, "surveys");
  const surveys = readdirSync(surveysDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => validated(join(surveysDir, f), parseSurveyDefinition));
  const ids = surveys.map((s) => s.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice)
    throw new ContentFileError(displayPath(surveysDir), [`survey id "${twice}" is used by two files`]);
  return {
    surveys,
    holidays,
    jpRules,
    competencies,
    allCompetencies: [...competencies, ...instrument.teknisCompetencies],
    skjDefaults,
    regions,
    instrument,
  };
}
