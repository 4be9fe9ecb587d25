// Drives an InfluxDB 2.x API (here: the emulator) through the official JavaScript client's
// AuthorizationsAPI: create, list, patch, delete. Prints one JSON line of what it saw; exits non-zero on failure.
// The token comes from the environment, never the command line.
import { InfluxDB } from '@influxdata/influxdb-client'
import { AuthorizationsAPI, OrgsAPI } from '@influxdata/influxdb-client-apis'

const url = process.env.INFLUX_URL
const token = process.env.INFLUX_TOKEN
const orgName = process.env.INFLUX_ORG
const bucketID = process.env.INFLUX_BUCKET_ID

const influx = new InfluxDB({ url, token })
const authorizations = new AuthorizationsAPI(influx)
const orgs = new OrgsAPI(influx)

const { orgs: found } = await orgs.getOrgs({ org: orgName })
const orgID = found[0].id

const created = await authorizations.postAuthorizations({
  body: {
    orgID,
    description: 'from the js client',
    permissions: [{ action: 'write', resource: { type: 'buckets', id: bucketID, orgID } }],
  },
})

const listed = await authorizations.getAuthorizations({ orgID })
const seen = listed.authorizations.find((a) => a.id === created.id)

const patched = await authorizations.patchAuthorizationsID({
  authID: created.id,
  body: { status: 'inactive', description: 'patched by the js client' },
})

await authorizations.deleteAuthorizationsID({ authID: created.id })

let afterDelete = 'still there'
try {
  await authorizations.getAuthorizationsID({ authID: created.id })
} catch (e) {
  afterDelete = e.statusCode
}

console.log(JSON.stringify({
  created: { id: created.id, status: created.status, tokenLength: created.token.length, bucket: created.permissions[0].resource.name },
  listed: seen ? { id: seen.id, description: seen.description } : null,
  patched: { status: patched.status, description: patched.description },
  afterDelete,
}))
