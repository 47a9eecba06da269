// Type-checked with `tsc --strict --noEmit` by tests/package/types.test.mjs against the
// package's generated kyc_check.d.ts. Every `@ts-expect-error` line is a mistake the types
// must reject: if a result type were `any`, the directive would be unused and tsc would fail.
import {
  validateRecord, validateEmail, validatePhone, screen, loadSnapshot, loadSnapshotAsync,
  useDefaultSnapshot, snapshotInfo, entityDetails, countries, version,
} from 'kyc-check';
import type {
  RecordReport, FieldReport, ErrorCode, ScreeningResult, ScreenMatch, SnapshotInfo,
  EntityDetails, ListedBirthDate, MatchMethod, SourceCode,
} from 'kyc-check';

const v: string = version();
const info: SnapshotInfo = useDefaultSnapshot();
const label: string = info.label;
const published: string | null = info.sources[0].published;
const size: number | undefined = snapshotInfo().size_bytes;
const loaded: SnapshotInfo = loadSnapshot(new Uint8Array(0));
// @ts-expect-error loadSnapshot takes bytes, not a URL
loadSnapshot('/lists.kcs');
const pending: Promise<SnapshotInfo> = loadSnapshotAsync(new Uint8Array(0));
// @ts-expect-error loadSnapshotAsync resolves to the summary: it must be awaited
const notAwaited: SnapshotInfo = loadSnapshotAsync(new Uint8Array(0));

// Validation: the options argument is optional; fields are keyed by the record's field names.
const report: RecordReport = validateRecord({ email: 'anna@example.se' });
validateRecord({ given_name: 'Anna' }, { today: '2026-11-21', min_age: 18, date_order: 'dmy' });
// @ts-expect-error a misspelt record field
validateRecord({ emial: 'anna@example.se' });
// @ts-expect-error date_order is iso, dmy or mdy
validateRecord({}, { date_order: 'ymd' });
const email: FieldReport | undefined = report.fields.email;
// @ts-expect-error a field may be absent from the report
const phoneNormalized: string | undefined = report.fields.phone.normalized;
// @ts-expect-error not a field of the record
report.fields.emial;
const codes: ErrorCode[] = (email?.errors ?? []).map((e) => e.code);
// @ts-expect-error not an error code
const wrongCode: ErrorCode = 'invalid_checksun';
const scripts: string | undefined = validateEmail('a@b.se').details?.scripts;
validatePhone('08 123 456 78', 'SE');
validatePhone('+46 8 123 456 78');
// @ts-expect-error the number comes first
validatePhone();
const alpha3: string = countries()[0].alpha3;

// Screening: the decision is a union, matches explain themselves, options are checked.
const result: ScreeningResult = screen({ name: 'Kim Jong Un', type: 'person', birth_date: '1984' });
screen({ name: 'Kim Jong Un' }, { review_threshold: 0.9, sources: ['ofac_sdn', 'un_sc'], max_snapshot_age_days: 30 });
// @ts-expect-error not a source list
screen({ name: 'x' }, { sources: ['ofac'] });
// @ts-expect-error a misspelt option
screen({ name: 'x' }, { review_treshold: 0.9 });
// @ts-expect-error the query needs a name
screen({ type: 'person' });
switch (result.decision) {
  case 'clear': case 'review': case 'block': break;
  default: { const never: never = result.decision; throw new Error(never); }
}
// @ts-expect-error not a decision
const maybe: boolean = result.decision === 'maybe';
const top: ScreenMatch | undefined = result.matches[0];
if (top) {
  const source: SourceCode = top.source;
  const method: MatchMethod = top.explanation.alignment[0].method;
  const delta: number = top.explanation.adjustments[0].delta;
  const side: 'query' | 'list' = top.explanation.ignored[0].side;
  const notes: string[] | undefined = top.explanation.notes;
  // @ts-expect-error explanations have no `reason`
  top.explanation.reason;
  // @ts-expect-error the score is a number
  const score: string = top.score;
  const details: EntityDetails | null = entityDetails(top.id);
  if (details) {
    const dob: ListedBirthDate | undefined = details.birth_dates[0];
    if (dob?.kind === 'range') {
      const from: number = dob.from.year;
      const month: number | null = dob.to.month;  // always present, null when not stated
      // @ts-expect-error a range has no single date
      dob.date;
    }
    // @ts-expect-error the entity may be unknown: null is possible
    entityDetails(top.id).names;
  }
}
const sha: string = result.snapshot.sha256;
const warnings: string[] | undefined = result.warnings;
// @ts-expect-error the screen query is typed
screen('Kim Jong Un');

export {
  v, label, published, size, loaded, phoneNormalized, codes, wrongCode, scripts, alpha3, maybe,
  sha, warnings,
};
