// Drives an InfluxDB 2.x API (here: the emulator) through the official JavaScript client's AuthorizationsAPI,
// for every 2.x scenario of the shared witness table (../Witnesses/witness-scenarios.json): it reads the tokens
// the module minted, mints its own, deactivates them and deletes the last. Prints one JSON line of what it saw;
// exits non-zero on failure. The token comes from the environment, never the command line.
import { readFileSync } from 'node:fs'
import { InfluxDB } from '@influxdata/influxdb-client'
import { AuthorizationsAPI, OrgsAPI } from '@influxdata/influxdb-client-apis'

const url = process.env.INFLUX_URL
const token = process.env.INFLUX_TOKEN
const orgName = process.env.INFLUX_ORG
const bucketID = process.env.INFLUX_BUCKET_ID
const moduleTokenIDs = process.env.MODULE_TOKEN_IDS.split(',')
const table = JSON.parse(readFileSync(process.env.WITNESS_SCENARIOS, 'utf8'))

const influx = new InfluxDB({ url, token })
const authorizations = new AuthorizationsAPI(influx)
const orgs = new OrgsAPI(influx)

const { orgs: found } = await orgs.getOrgs({ org: orgName })
const orgID = found[0].id

// The module's exact permission form: action:orgs/<orgID>/type[/id]
const text = (p) => `${p.action}:${p.resource.orgID ? `orgs/${p.resource.orgID}/` : ''}${p.resource.type}${p.resource.id ? `/${p.resource.id}` : ''}`

const moduleTokens = []
for (const id of moduleTokenIDs) {
  const a = await authorizations.getAuthorizationsID({ authID: id })
  moduleTokens.push({ id: a.id, status: a.status, description: a.description, permissions: a.permissions.map(text) })
}

const created = []
for (const scenario of table.v2) {
  const permissions = scenario.grants.map((g) => ({
    action: g.action,
    resource: g.bucket ? { type: g.type, id: bucketID, orgID } : { type: g.type, orgID },
  }))
  const made = await authorizations.postAuthorizations({ body: { orgID, description: scenario.description, permissions } })
  await authorizations.patchAuthorizationsID({ authID: made.id, body: { status: 'inactive' } })
  created.push({ name: scenario.name, id: made.id, tokenLength: made.token.length })
}

const listed = (await authorizations.getAuthorizations({ orgID })).authorizations.map((a) => a.id)
const last = created[created.length - 1]
await authorizations.deleteAuthorizationsID({ authID: last.id })
let afterDelete = 'still there'
try {
  await authorizations.getAuthorizationsID({ authID: last.id })
} catch (e) {
  afterDelete = e.statusCode
}

console.log(JSON.stringify({ moduleTokens, created, listed, deleted: last.id, afterDelete }))
