import type { OrgDirectory } from './org-directory.js';
import { toId18 } from './salesforce-ids.js';

/** A record as the REST API serves it, without its `attributes`. */
export type OrgRecord = Record<string, string | number | boolean | null>;

/** An object the simulated org's API knows: its fields (canonical case) and its records. */
export interface OrgObject {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly fields: readonly string[];
  records(): OrgRecord[];
}

/** A stable 18-character id for seeded record `n` of an object with this key prefix. */
const seededId = (prefix: string, n: number) => toId18(`${prefix}5g0SIMDATA0${n}`);

const account = (n: number) => seededId('001', n);

const ACCOUNTS: OrgRecord[] = [
  [
    'Acme Corporation',
    'Manufacturing',
    'Customer - Direct',
    'San Francisco',
    'USA',
    125_000_000,
    5400,
  ],
  ['Globex Inc', 'Technology', 'Customer - Channel', 'Springfield', 'USA', 48_000_000, 1200],
  ['Initech', 'Technology', 'Prospect', 'Austin', 'USA', 9_500_000, 310],
  [
    'Umbrella Health',
    'Healthcare',
    'Customer - Direct',
    'London',
    'United Kingdom',
    210_000_000,
    12_000,
  ],
  ['Stark Logistics', 'Transportation', 'Partner', 'Chicago', 'USA', null, 640],
].map(
  ([Name, Industry, Type, BillingCity, BillingCountry, AnnualRevenue, NumberOfEmployees], i) => ({
    Id: account(i + 1),
    Name,
    Industry,
    Type,
    BillingCity,
    BillingCountry,
    AnnualRevenue,
    NumberOfEmployees,
  }),
) as OrgRecord[];

const CONTACTS: OrgRecord[] = (
  [
    ['Wile', 'Coyote', 'wile@acme.example', 'Head of Procurement', 1],
    ['Road', 'Runner', 'road@acme.example', 'Field Tester', 1],
    ['Hank', 'Scorpio', 'hank@globex.example', 'CEO', 2],
    ['Bill', 'Lumbergh', 'bill@initech.example', 'Vice President', 3],
    ['Alice', 'Abernathy', 'alice@umbrella.example', 'Security Lead', 4],
    ['Pepper', 'Potts', null, 'Operations Director', 5],
  ] as const
).map(([FirstName, LastName, Email, Title, accountIndex], i) => ({
  Id: seededId('003', i + 1),
  FirstName,
  LastName,
  Name: `${FirstName} ${LastName}`,
  Email,
  Title,
  AccountId: account(accountIndex),
}));

const OPPORTUNITIES: OrgRecord[] = (
  [
    ['Acme - Anvil Fleet Renewal', 'Closed Won', 250_000, '2026-02-27', 100, true, 1],
    ['Globex - Data Platform', 'Negotiation/Review', 480_000, '2026-05-15', 90, false, 2],
    ['Initech - TPS Automation', 'Prospecting', 35_000, '2026-07-01', 10, false, 3],
    ['Umbrella - Clinic Rollout', 'Proposal/Price Quote', 1_200_000, '2026-06-30', 75, false, 4],
    ['Stark - Route Planning', 'Closed Lost', 90_000, '2026-01-20', 0, true, 5],
  ] as const
).map(([Name, StageName, Amount, CloseDate, Probability, IsClosed, accountIndex], i) => ({
  Id: seededId('006', i + 1),
  Name,
  StageName,
  Amount,
  CloseDate,
  Probability,
  IsClosed,
  AccountId: account(accountIndex),
}));

/**
 * The simulated org's data: a small, fixed set of Accounts, Contacts and Opportunities, the org's
 * users, and the Organization itself — enough for an integrator's tests to query something real.
 */
export function orgObjects(directory: OrgDirectory): OrgObject[] {
  const fixed = (
    name: string,
    labelPlural: string,
    keyPrefix: string,
    records: OrgRecord[],
  ): OrgObject => ({
    name,
    label: name,
    labelPlural,
    keyPrefix,
    fields: Object.keys(records[0] ?? { Id: null }),
    records: () => records.map((record) => ({ ...record })),
  });
  const users = (): OrgRecord[] =>
    directory.users.map((user) => {
      const space = user.displayName.lastIndexOf(' ');
      return {
        Id: user.id,
        Username: user.username,
        Name: user.displayName,
        FirstName: space < 0 ? null : user.displayName.slice(0, space),
        LastName: space < 0 ? user.displayName : user.displayName.slice(space + 1),
        Email: user.email,
        IsActive: user.active,
      };
    });
  const { org } = directory;
  const organization = (): OrgRecord[] => [
    {
      Id: org.id,
      Name: org.name,
      IsSandbox: org.isSandbox,
      InstanceName: 'SIM1',
      OrganizationType: org.isSandbox ? 'Enterprise Edition' : 'Developer Edition',
      LanguageLocaleKey: 'en_US',
      DefaultLocaleSidKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
      NamespacePrefix: null,
      TrialExpirationDate: null,
    },
  ];
  return [
    fixed('Account', 'Accounts', '001', ACCOUNTS),
    fixed('Contact', 'Contacts', '003', CONTACTS),
    fixed('Opportunity', 'Opportunities', '006', OPPORTUNITIES),
    {
      name: 'User',
      label: 'User',
      labelPlural: 'Users',
      keyPrefix: '005',
      fields: ['Id', 'Username', 'Name', 'FirstName', 'LastName', 'Email', 'IsActive'],
      records: users,
    },
    {
      name: 'Organization',
      label: 'Organization',
      labelPlural: 'Organizations',
      keyPrefix: '00D',
      fields: Object.keys(organization()[0] ?? {}),
      records: organization,
    },
  ];
}
