import { ConnectError } from '../core/errors.js';
import {
  type ConnectionFieldDefinitions,
  parseConnectionFields,
  splitSecretFields,
} from '../core/fields.js';
import type { Connection, ConnectionFieldValues } from '../core/types.js';
import { DecryptionError, type SecretBox } from './crypto.js';
import type { ConnectionRecord } from './stores/types.js';

/** The encryption field (AES-GCM associated data) of the secret fields' envelope. */
export const SECRET_FIELDS_FIELD = 'secret_fields';

/**
 * What a credentials save brings besides the app's credentials: the connection's name (absent:
 * keep the saved one) and the integrator's fields, checked against the handler's definitions.
 */
export interface FieldsSave {
  visible: ConnectionFieldValues;
  secret: Record<string, string>;
}

/**
 * Secret field names that have a saved value. `record.fields` marks each with `true` (the value
 * itself is only in the encrypted `secretFields` envelope), so reading the list needs no key.
 */
function savedSecretNames(
  definitions: ConnectionFieldDefinitions,
  record: ConnectionRecord | undefined,
): string[] {
  if (!record?.secretFields || !record.fields) return [];
  return Object.entries(definitions)
    .filter(
      ([name, definition]) =>
        definition.kind === 'text' && definition.secret === true && record.fields?.[name] === true,
    )
    .map(([name]) => name);
}

/**
 * Checks the fields of a `PUT /connection/credentials` body with the same rules as the form
 * (`parseConnectionFields`); throws `invalid_input` naming the field (`fields.<name>`). The
 * connection's name is the service's to check (`parseConnectionName`).
 */
export function parseFieldsSave(
  definitions: ConnectionFieldDefinitions,
  input: unknown,
  existing: ConnectionRecord | undefined,
): FieldsSave {
  const body = (typeof input === 'object' && input !== null ? input : {}) as {
    fields?: unknown;
  };
  const values = parseConnectionFields(definitions, body.fields, {
    existingSecrets: savedSecretNames(definitions, existing),
  });
  const { visible, secret } = splitSecretFields(definitions, values);
  return { visible, secret };
}

/**
 * The record with the save's fields: non-secret values in `fields`, secret ones merged
 * with the saved ones (a field left empty keeps its value) into one encrypted envelope.
 */
export async function withFieldsSave(
  definitions: ConnectionFieldDefinitions,
  record: ConnectionRecord,
  latest: ConnectionRecord | undefined,
  save: FieldsSave,
  box: SecretBox,
): Promise<ConnectionRecord> {
  const next: ConnectionRecord = { ...record };
  const kept: Record<string, string> = {};
  const keptNames = savedSecretNames(definitions, latest).filter((name) => !(name in save.secret));
  if (keptNames.length > 0 && latest?.secretFields) {
    let saved: Record<string, unknown>;
    try {
      saved = JSON.parse(
        await box.decrypt(latest.secretFields, {
          tenant: latest.tenant,
          field: SECRET_FIELDS_FIELD,
          connectionId: latest.connectionId,
        }),
      ) as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof DecryptionError) && !(error instanceof SyntaxError)) throw error;
      const first = keptNames[0] ?? '';
      throw new ConnectError(
        'invalid_input',
        `The server cannot read the saved ${definitions[first]?.label ?? first} any more (its encryption key changed). Type it again.`,
        { field: `fields.${first}` },
      );
    }
    for (const name of keptNames) {
      const value = saved[name];
      if (typeof value === 'string') kept[name] = value;
    }
  }
  const secret = { ...kept, ...save.secret };
  const markers = Object.fromEntries(Object.keys(secret).map((name) => [name, true]));
  const fields = { ...save.visible, ...markers };
  if (Object.keys(fields).length > 0) next.fields = fields;
  else delete next.fields;
  if (Object.keys(secret).length > 0) {
    next.secretFields = await box.encrypt(JSON.stringify(secret), {
      tenant: next.tenant,
      field: SECRET_FIELDS_FIELD,
      connectionId: next.connectionId,
    });
  } else {
    delete next.secretFields;
  }
  return next;
}

/**
 * What `Connection` shows of a record's name and fields: the name, the non-secret values of the
 * fields defined now, and the names of the secret fields with a saved value (never the values).
 */
export function fieldsView(
  definitions: ConnectionFieldDefinitions,
  record: ConnectionRecord,
): Pick<Connection, 'name' | 'fields' | 'savedSecretFields'> {
  const view: Pick<Connection, 'name' | 'fields' | 'savedSecretFields'> = {};
  if (record.name) view.name = record.name;
  const fields: ConnectionFieldValues = {};
  for (const [name, definition] of Object.entries(definitions)) {
    if (definition.kind === 'text' && definition.secret) continue;
    const value = record.fields?.[name];
    if (value !== undefined) fields[name] = Array.isArray(value) ? [...value] : value;
  }
  if (Object.keys(fields).length > 0) view.fields = fields;
  const saved = savedSecretNames(definitions, record);
  if (saved.length > 0) view.savedSecretFields = saved;
  return view;
}
