// Generated from proxy-config.schema.json by `npm run schema:types`. Do not edit by hand.
function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
}

export const validateProxyConfigDocument = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://pgtopo.dev/schemas/proxy-config.schema.json","title":"ProxyConfigDocument","description":"The file `pgtopo proxy --config` reads (JSON or YAML). pgtopo renders it from the topology (proxy-tier/proxy-tier-config.ts); it can also be written by hand. Unset settings take the defaults of proxy/config/proxy-defaults.ts.","type":"object","additionalProperties":false,"required":["listen","backends","users"],"properties":{"listen":{"$ref":"#/definitions/Endpoint"},"metrics":{"$ref":"#/definitions/Endpoint"},"tls":{"$ref":"#/definitions/Tls"},"backends":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Backend"}},"pool":{"$ref":"#/definitions/Pool"},"users":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/User"}},"hba":{"description":"Client access rules, first match wins; no match rejects. Default: scram-sha-256 for every TCP client.","type":"array","items":{"$ref":"#/definitions/HbaRule"}},"router":{"$ref":"#/definitions/Router"},"logLevel":{"enum":["debug","info","warn","error"]},"workers":{"description":"Event loops (worker threads) accepting on the listen port, sharing pool limits, admin views, metrics and one health check and failover; \"auto\": the cores this process may use. Default 1: one loop, no threads. Not with a watchdog.","anyOf":[{"type":"integer","minimum":1,"maximum":64},{"const":"auto"}]},"healthCheck":{"$ref":"#/definitions/HealthCheck"},"replicationCheck":{"title":"ReplicationCheckDocument","description":"Lag measurement for the router's delay thresholds; periodMs 0 or absent: off.","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"}}},"monitor":{"$ref":"#/definitions/Monitor"},"failover":{"$ref":"#/definitions/Failover"},"replication":{"$ref":"#/definitions/Replication"},"dns":{"$ref":"#/definitions/Dns"},"watchdog":{"$ref":"#/definitions/Watchdog"}},"definitions":{"Port":{"type":"integer","minimum":0,"maximum":65535},"Millis":{"type":"integer","minimum":0},"Endpoint":{"title":"EndpointDocument","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"type":"string","description":"Default 127.0.0.1."},"port":{"$ref":"#/definitions/Port"}}},"SecretRef":{"title":"SecretRefDocument","description":"A literal, an environment variable, a file (trailing white space trimmed) or an SSM Parameter Store parameter (SecureString, read with decryption); resolved at load and reload time, never logged.","oneOf":[{"type":"string"},{"type":"object","required":["env"],"additionalProperties":false,"properties":{"env":{"type":"string","minLength":1}}},{"type":"object","required":["file"],"additionalProperties":false,"properties":{"file":{"type":"string","minLength":1}}},{"type":"object","required":["ssm"],"additionalProperties":false,"properties":{"ssm":{"type":"string","minLength":1,"description":"The parameter's name, e.g. /pgtopo/shop/orders/app-password."}}}]},"Tls":{"title":"TlsDocument","description":"TLS towards clients (certFile, keyFile, client) and towards the backends (backend, caFile). A client mode other than disable needs certFile, and backend verify-full needs caFile (checked by the reader, which names the missing file).","type":"object","additionalProperties":false,"dependencies":{"certFile":["keyFile"],"keyFile":["certFile"]},"properties":{"certFile":{"type":"string","minLength":1,"description":"PEM certificate presented to clients."},"keyFile":{"type":"string","minLength":1,"description":"PEM private key of certFile."},"caFile":{"type":"string","minLength":1,"description":"PEM CA bundle the backends' certificates are verified against."},"client":{"description":"disable: answer SSLRequest with N; allow: offer TLS; require: refuse plaintext clients. Default: allow with certFile, else disable.","enum":["disable","allow","require"]},"backend":{"description":"Towards PostgreSQL, like libpq's sslmode. Default: prefer.","enum":["disable","prefer","require","verify-full"]}}},"Backend":{"title":"BackendDocument","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"id":{"type":"integer","minimum":0,"description":"node_id; default: the position in the list."},"name":{"type":"string","minLength":1},"host":{"type":"string","minLength":1},"port":{"$ref":"#/definitions/Port"},"weight":{"type":"number","minimum":0,"description":"Load-balance weight; 0 never gets reads."},"role":{"description":"Hint until health checks know better.","enum":["primary","standby","unknown"]},"alwaysPrimary":{"type":"boolean","description":"ALWAYS_PRIMARY: the writer endpoint of a managed service."},"noFailover":{"type":"boolean","description":"DISALLOW_TO_FAILOVER."}}},"Pool":{"title":"PoolDocument","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["transaction","session"]},"size":{"type":"integer","minimum":1,"description":"Server connections per (backend, user, database)."},"maxServerConnections":{"type":"integer","minimum":1,"description":"Server connections across all pools."},"maxClientConnections":{"type":"integer","minimum":1},"maxPools":{"type":"integer","minimum":1,"description":"Pools a login may create; past it: 53300."},"emptyPoolTimeoutMs":{"$ref":"#/definitions/Millis"},"queueTimeoutMs":{"$ref":"#/definitions/Millis"},"connectTimeoutMs":{"$ref":"#/definitions/Millis"},"idleTimeoutMs":{"$ref":"#/definitions/Millis"},"lifetimeMs":{"$ref":"#/definitions/Millis"},"clientIdleTimeoutMs":{"$ref":"#/definitions/Millis"},"resetQuery":{"type":"string"},"trackPreparedStatements":{"type":"boolean"},"maxPreparedStatements":{"description":"Transaction mode: distinct named prepared statements the proxy remembers, and each server connection keeps prepared; the least recently used beyond it are forgotten (closed on the server before its next transaction).","type":"integer","minimum":1},"shutdownGraceMs":{"$ref":"#/definitions/Millis"}}},"User":{"title":"UserDocument","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1},"secret":{"$ref":"#/definitions/SecretRef"},"password":{"$ref":"#/definitions/SecretRef"},"admin":{"type":"boolean"}}},"HbaRule":{"title":"HbaRuleDocument","type":"object","additionalProperties":false,"required":["type","database","user","address","method"],"properties":{"type":{"enum":["host","hostssl","hostnossl"]},"database":{"type":"string"},"user":{"type":"string"},"address":{"type":"string"},"method":{"enum":["scram-sha-256","md5","trust","reject"]}}},"Patterns":{"type":"array","items":{"type":"string"}},"RedirectRules":{"type":"array","items":{"title":"RedirectRuleDocument","type":"object","additionalProperties":false,"required":["pattern","target"],"properties":{"pattern":{"type":"string","minLength":1},"target":{"type":"string","minLength":1},"probability":{"type":"number","minimum":0,"maximum":1}}}},"Router":{"title":"RouterDocument","description":"The query router's settings (proxy/router/router-config.ts).","type":"object","additionalProperties":false,"properties":{"loadBalancing":{"type":"boolean"},"disableLoadBalanceOnWrite":{"enum":["transaction","trans_transaction","always","off","dml_adaptive"]},"dmlAdaptiveDependencies":{"type":"object","additionalProperties":{"$ref":"#/definitions/Patterns"}},"writeFunctions":{"$ref":"#/definitions/Patterns"},"readOnlyFunctions":{"$ref":"#/definitions/Patterns"},"primaryRoutingPatterns":{"$ref":"#/definitions/Patterns"},"statementLevelLoadBalance":{"type":"boolean"},"redirectPreferences":{"title":"RedirectPreferencesDocument","type":"object","additionalProperties":false,"properties":{"applicationName":{"$ref":"#/definitions/RedirectRules"},"database":{"$ref":"#/definitions/RedirectRules"},"user":{"$ref":"#/definitions/RedirectRules"}}},"delayThreshold":{"type":"integer","minimum":0,"description":"Bytes; 0: unchecked."},"delayThresholdByTime":{"type":"integer","minimum":0,"description":"Milliseconds; 0: unchecked."},"preferLowerDelayStandby":{"type":"boolean"},"classificationCacheSize":{"type":"integer","minimum":1}}},"HealthCheckTiming":{"title":"HealthCheckTimingDocument","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"}}},"HealthCheck":{"title":"HealthCheckDocument","description":"Backend monitor; absent or periodMs 0: off.","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"},"nodes":{"description":"Per-node overrides by backend name.","type":"object","additionalProperties":{"$ref":"#/definitions/HealthCheckTiming"}}}},"Monitor":{"title":"MonitorDocument","description":"The role health checks, lag checks and promotion log in as; default: the first admin user.","type":"object","additionalProperties":false,"required":["user"],"properties":{"user":{"type":"string","minLength":1},"password":{"$ref":"#/definitions/SecretRef"},"database":{"type":"string","minLength":1}}},"Failover":{"title":"FailoverDocument","description":"Off unless enabled.","type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"onBackendError":{"type":"boolean"},"instanceIndex":{"type":"integer","minimum":0},"coordinatorIndex":{"type":"integer","minimum":0},"failoverCommand":{"type":"string"},"followPrimaryCommand":{"type":"string"},"priority":{"description":"Tie-break between equally advanced standbys by backend name: higher first.","type":"object","additionalProperties":{"type":"number"}},"promoteTimeoutMs":{"type":"integer","minimum":1000}}},"Replication":{"title":"ReplicationDocument","description":"How the cluster acknowledges commits; async when absent.","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["async","sync"]},"syncStandbys":{"type":"integer","minimum":1},"syncCandidates":{"type":"array","items":{"type":"string","minLength":1}}}},"Dns":{"title":"DnsDocument","description":"How backend host names are resolved: DNS answers are kept no longer than their TTL (proxy/backend/backend-address-resolver.ts).","type":"object","additionalProperties":false,"properties":{"servers":{"description":"DNS servers to ask, as address or address:port; default: the system's (/etc/resolv.conf). Names they do not know go through the system lookup (/etc/hosts).","type":"array","minItems":1,"items":{"type":"string","minLength":1}}}},"WatchdogMember":{"title":"WatchdogMemberDocument","description":"One proxy of the tier, as every member lists it (the same order everywhere: a member is named by its index).","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"name":{"description":"For logs and SHOW WATCHDOG, e.g. `proxy[0]`.","type":"string","minLength":1},"host":{"description":"The address its heartbeats come from and go to (its own address, for this member: where it listens).","type":"string","minLength":1},"port":{"description":"Its UDP heartbeat port.","$ref":"#/definitions/Port"}}},"ElasticIpVip":{"description":"Move an Elastic IP to the leader (AssociateAddress). Works across AZs; clients come over the internet, so proxies need public subnets.","type":"object","required":["type","allocationId"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"elastic-ip"},"allocationId":{"description":"The Elastic IP's allocation id (`eipalloc-…`).","type":"string","pattern":"^eipalloc-[0-9a-f]+$"},"address":{"description":"The public address, for documentation and status output.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"ElasticIpVipDocument"},"SecondaryIpVip":{"description":"Move a secondary private IP to the leader's ENI (AssignPrivateIpAddresses). One subnet only, so one AZ.","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"secondary-ip"},"address":{"description":"The private address, inside the proxies' subnet.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"SecondaryIpVipDocument"},"RouteTableVip":{"description":"Point a /32 route for the VIP at the leader instance (CreateRoute/ReplaceRoute). Works across AZs inside the VPC; the VIP must lie outside the VPC CIDR.","type":"object","required":["type","address","routeTables"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"route-table"},"address":{"description":"The VIP, outside the VPC CIDR.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"routeTables":{"description":"Route tables to update (`rtb-…`).","type":"array","minItems":1,"items":{"type":"string","pattern":"^rtb-[0-9a-f]+$","description":"A route table id: `rtb-` and hex digits."}}},"title":"RouteTableVipDocument"},"DnsVip":{"description":"UPSERT a Route 53 A record to the leader's address. Clients see a change only after the TTL.","type":"object","required":["type","hostedZoneId","recordName"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"dns"},"hostedZoneId":{"description":"Route 53 hosted zone id.","type":"string","minLength":1},"recordName":{"description":"The record clients connect to, e.g. `db.internal.example.com`.","type":"string","minLength":1},"ttl":{"description":"Record TTL in seconds.","type":"integer","minimum":0,"maximum":86400,"default":10}},"title":"DnsVipDocument"},"LinuxIpVip":{"description":"A classic virtual IP added to a network interface with gratuitous ARP (on-premises and local only; it does not work in the cloud).","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"ip"},"address":{"description":"The virtual IP.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"interface":{"description":"Interface to add it to.","type":"string","default":"lo"},"prefixLength":{"description":"Prefix length of the address.","type":"integer","minimum":0,"maximum":32,"default":32}},"title":"LinuxIpVipDocument"},"Vip":{"description":"What the leader moves: the topology's `proxy.ha.vip`, as written there.","oneOf":[{"$ref":"#/definitions/ElasticIpVip"},{"$ref":"#/definitions/SecondaryIpVip"},{"$ref":"#/definitions/RouteTableVip"},{"$ref":"#/definitions/DnsVip"},{"$ref":"#/definitions/LinuxIpVip"}],"title":"VipDocument"},"Watchdog":{"title":"WatchdogDocument","description":"Proxy-tier HA (proxy/watchdog): the members elect a leader with a quorum, and only the leader holds the VIP and runs failovers. Absent: no watchdog, failover.coordinatorIndex decides who promotes.","type":"object","additionalProperties":false,"required":["self","members","vip"],"properties":{"self":{"description":"This proxy's index in `members`.","type":"integer","minimum":0},"members":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/WatchdogMember"}},"vip":{"$ref":"#/definitions/Vip"},"stateDir":{"description":"A directory only this member writes: its term and vote are kept there (watchdog-term.json, replaced atomically), so a restarted member never votes twice in one term. Absent: kept in memory only.","type":"string","minLength":1},"authKey":{"description":"The tier's shared key: every watchdog datagram carries an HMAC-SHA256 of it, and a member drops those without a valid one (Pgpool-II's wd_authkey). Absent: messages are not authenticated.","$ref":"#/definitions/SecretRef"},"vipPort":{"description":"For an `ip` VIP: while holding it, the proxy also listens on the VIP at this port (unless `listen` already covers every address), so every member's clients use one address and port.","$ref":"#/definitions/Port"},"heartbeatIntervalMs":{"description":"Every member sends a heartbeat to every other this often.","type":"integer","minimum":10},"deadTimeMs":{"description":"A member not heard from for this long is lost (Pgpool-II's wd_heartbeat_deadtime).","type":"integer","minimum":20},"leaseMs":{"description":"A leader holds the VIP only while a quorum acknowledged one of its heartbeats sent within this long; more than heartbeatIntervalMs.","type":"integer","minimum":20},"releaseTimeoutMs":{"description":"A VIP release taking longer is abandoned and retried; part of the wait before a new leader takes the VIP.","type":"integer","minimum":10}}}}};
const schema14 = {"title":"TlsDocument","description":"TLS towards clients (certFile, keyFile, client) and towards the backends (backend, caFile). A client mode other than disable needs certFile, and backend verify-full needs caFile (checked by the reader, which names the missing file).","type":"object","additionalProperties":false,"dependencies":{"certFile":["keyFile"],"keyFile":["certFile"]},"properties":{"certFile":{"type":"string","minLength":1,"description":"PEM certificate presented to clients."},"keyFile":{"type":"string","minLength":1,"description":"PEM private key of certFile."},"caFile":{"type":"string","minLength":1,"description":"PEM CA bundle the backends' certificates are verified against."},"client":{"description":"disable: answer SSLRequest with N; allow: offer TLS; require: refuse plaintext clients. Default: allow with certFile, else disable.","enum":["disable","allow","require"]},"backend":{"description":"Towards PostgreSQL, like libpq's sslmode. Default: prefer.","enum":["disable","prefer","require","verify-full"]}}};
const schema28 = {"title":"HbaRuleDocument","type":"object","additionalProperties":false,"required":["type","database","user","address","method"],"properties":{"type":{"enum":["host","hostssl","hostnossl"]},"database":{"type":"string"},"user":{"type":"string"},"address":{"type":"string"},"method":{"enum":["scram-sha-256","md5","trust","reject"]}}};
const schema18 = {"type":"integer","minimum":0};
const schema46 = {"title":"FailoverDocument","description":"Off unless enabled.","type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"onBackendError":{"type":"boolean"},"instanceIndex":{"type":"integer","minimum":0},"coordinatorIndex":{"type":"integer","minimum":0},"failoverCommand":{"type":"string"},"followPrimaryCommand":{"type":"string"},"priority":{"description":"Tie-break between equally advanced standbys by backend name: higher first.","type":"object","additionalProperties":{"type":"number"}},"promoteTimeoutMs":{"type":"integer","minimum":1000}}};
const schema47 = {"title":"ReplicationDocument","description":"How the cluster acknowledges commits; async when absent.","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["async","sync"]},"syncStandbys":{"type":"integer","minimum":1},"syncCandidates":{"type":"array","items":{"type":"string","minLength":1}}}};
const schema48 = {"title":"DnsDocument","description":"How backend host names are resolved: DNS answers are kept no longer than their TTL (proxy/backend/backend-address-resolver.ts).","type":"object","additionalProperties":false,"properties":{"servers":{"description":"DNS servers to ask, as address or address:port; default: the system's (/etc/resolv.conf). Names they do not know go through the system lookup (/etc/hosts).","type":"array","minItems":1,"items":{"type":"string","minLength":1}}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = ucs2length;
const schema12 = {"title":"EndpointDocument","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"type":"string","description":"Default 127.0.0.1."},"port":{"$ref":"#/definitions/Port"}}};
const schema13 = {"type":"integer","minimum":0,"maximum":65535};

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.port === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "host") || (key0 === "port"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.host !== undefined){
if(typeof data.host !== "string"){
const err2 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.port !== undefined){
let data1 = data.port;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 0 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema15 = {"title":"BackendDocument","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"id":{"type":"integer","minimum":0,"description":"node_id; default: the position in the list."},"name":{"type":"string","minLength":1},"host":{"type":"string","minLength":1},"port":{"$ref":"#/definitions/Port"},"weight":{"type":"number","minimum":0,"description":"Load-balance weight; 0 never gets reads."},"role":{"description":"Hint until health checks know better.","enum":["primary","standby","unknown"]},"alwaysPrimary":{"type":"boolean","description":"ALWAYS_PRIMARY: the writer endpoint of a managed service."},"noFailover":{"type":"boolean","description":"DISALLOW_TO_FAILOVER."}}};

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.host === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.port === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "id") || (key0 === "name")) || (key0 === "host")) || (key0 === "port")) || (key0 === "weight")) || (key0 === "role")) || (key0 === "alwaysPrimary")) || (key0 === "noFailover"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.host !== undefined){
let data2 = data.host;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err8 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.port !== undefined){
let data3 = data.port;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err10 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 65535 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err12 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data.weight !== undefined){
let data4 = data.weight;
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.role !== undefined){
let data5 = data.role;
if(!(((data5 === "primary") || (data5 === "standby")) || (data5 === "unknown"))){
const err15 = {instancePath:instancePath+"/role",schemaPath:"#/properties/role/enum",keyword:"enum",params:{allowedValues: schema15.properties.role.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.alwaysPrimary !== undefined){
if(typeof data.alwaysPrimary !== "boolean"){
const err16 = {instancePath:instancePath+"/alwaysPrimary",schemaPath:"#/properties/alwaysPrimary/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.noFailover !== undefined){
if(typeof data.noFailover !== "boolean"){
const err17 = {instancePath:instancePath+"/noFailover",schemaPath:"#/properties/noFailover/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const schema17 = {"title":"PoolDocument","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["transaction","session"]},"size":{"type":"integer","minimum":1,"description":"Server connections per (backend, user, database)."},"maxServerConnections":{"type":"integer","minimum":1,"description":"Server connections across all pools."},"maxClientConnections":{"type":"integer","minimum":1},"maxPools":{"type":"integer","minimum":1,"description":"Pools a login may create; past it: 53300."},"emptyPoolTimeoutMs":{"$ref":"#/definitions/Millis"},"queueTimeoutMs":{"$ref":"#/definitions/Millis"},"connectTimeoutMs":{"$ref":"#/definitions/Millis"},"idleTimeoutMs":{"$ref":"#/definitions/Millis"},"lifetimeMs":{"$ref":"#/definitions/Millis"},"clientIdleTimeoutMs":{"$ref":"#/definitions/Millis"},"resetQuery":{"type":"string"},"trackPreparedStatements":{"type":"boolean"},"maxPreparedStatements":{"description":"Transaction mode: distinct named prepared statements the proxy remembers, and each server connection keeps prepared; the least recently used beyond it are forgotten (closed on the server before its next transaction).","type":"integer","minimum":1},"shutdownGraceMs":{"$ref":"#/definitions/Millis"}}};

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema17.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.mode !== undefined){
let data0 = data.mode;
if(!((data0 === "transaction") || (data0 === "session"))){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema17.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.size !== undefined){
let data1 = data.size;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/size",schemaPath:"#/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err3 = {instancePath:instancePath+"/size",schemaPath:"#/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
if(data.maxServerConnections !== undefined){
let data2 = data.maxServerConnections;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err4 = {instancePath:instancePath+"/maxServerConnections",schemaPath:"#/properties/maxServerConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/maxServerConnections",schemaPath:"#/properties/maxServerConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.maxClientConnections !== undefined){
let data3 = data.maxClientConnections;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err6 = {instancePath:instancePath+"/maxClientConnections",schemaPath:"#/properties/maxClientConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 1 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/maxClientConnections",schemaPath:"#/properties/maxClientConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.maxPools !== undefined){
let data4 = data.maxPools;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err8 = {instancePath:instancePath+"/maxPools",schemaPath:"#/properties/maxPools/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 1 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/maxPools",schemaPath:"#/properties/maxPools/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.emptyPoolTimeoutMs !== undefined){
let data5 = data.emptyPoolTimeoutMs;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err10 = {instancePath:instancePath+"/emptyPoolTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/emptyPoolTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.queueTimeoutMs !== undefined){
let data6 = data.queueTimeoutMs;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err12 = {instancePath:instancePath+"/queueTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err13 = {instancePath:instancePath+"/queueTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data.connectTimeoutMs !== undefined){
let data7 = data.connectTimeoutMs;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err14 = {instancePath:instancePath+"/connectTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err15 = {instancePath:instancePath+"/connectTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
if(data.idleTimeoutMs !== undefined){
let data8 = data.idleTimeoutMs;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err16 = {instancePath:instancePath+"/idleTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err17 = {instancePath:instancePath+"/idleTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data.lifetimeMs !== undefined){
let data9 = data.lifetimeMs;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err18 = {instancePath:instancePath+"/lifetimeMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err19 = {instancePath:instancePath+"/lifetimeMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data.clientIdleTimeoutMs !== undefined){
let data10 = data.clientIdleTimeoutMs;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err20 = {instancePath:instancePath+"/clientIdleTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err21 = {instancePath:instancePath+"/clientIdleTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data.resetQuery !== undefined){
if(typeof data.resetQuery !== "string"){
const err22 = {instancePath:instancePath+"/resetQuery",schemaPath:"#/properties/resetQuery/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.trackPreparedStatements !== undefined){
if(typeof data.trackPreparedStatements !== "boolean"){
const err23 = {instancePath:instancePath+"/trackPreparedStatements",schemaPath:"#/properties/trackPreparedStatements/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.maxPreparedStatements !== undefined){
let data13 = data.maxPreparedStatements;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err24 = {instancePath:instancePath+"/maxPreparedStatements",schemaPath:"#/properties/maxPreparedStatements/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 1 || isNaN(data13)){
const err25 = {instancePath:instancePath+"/maxPreparedStatements",schemaPath:"#/properties/maxPreparedStatements/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
if(data.shutdownGraceMs !== undefined){
let data14 = data.shutdownGraceMs;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err26 = {instancePath:instancePath+"/shutdownGraceMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 0 || isNaN(data14)){
const err27 = {instancePath:instancePath+"/shutdownGraceMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}

const schema25 = {"title":"UserDocument","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1},"secret":{"$ref":"#/definitions/SecretRef"},"password":{"$ref":"#/definitions/SecretRef"},"admin":{"type":"boolean"}}};
const schema26 = {"title":"SecretRefDocument","description":"A literal, an environment variable, a file (trailing white space trimmed) or an SSM Parameter Store parameter (SecureString, read with decryption); resolved at load and reload time, never logged.","oneOf":[{"type":"string"},{"type":"object","required":["env"],"additionalProperties":false,"properties":{"env":{"type":"string","minLength":1}}},{"type":"object","required":["file"],"additionalProperties":false,"properties":{"file":{"type":"string","minLength":1}}},{"type":"object","required":["ssm"],"additionalProperties":false,"properties":{"ssm":{"type":"string","minLength":1,"description":"The parameter's name, e.g. /pgtopo/shop/orders/app-password."}}}]};

function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "secret")) || (key0 === "password")) || (key0 === "admin"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.secret !== undefined){
let data1 = data.secret;
const _errs6 = errors;
let valid2 = false;
let passing0 = null;
const _errs7 = errors;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs7 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs9 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.env === undefined){
const err5 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/1/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!(key1 === "env")){
const err6 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.env !== undefined){
let data2 = data1.env;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err7 = {instancePath:instancePath+"/secret/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/secret/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs9 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
const _errs14 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.file === undefined){
const err10 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/2/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key2 in data1){
if(!(key2 === "file")){
const err11 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data1.file !== undefined){
let data3 = data1.file;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err12 = {instancePath:instancePath+"/secret/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/secret/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var _valid0 = _errs14 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid2 = true;
passing0 = 2;
}
const _errs19 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.ssm === undefined){
const err15 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/3/required",keyword:"required",params:{missingProperty: "ssm"},message:"must have required property '"+"ssm"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key3 in data1){
if(!(key3 === "ssm")){
const err16 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data1.ssm !== undefined){
let data4 = data1.ssm;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err17 = {instancePath:instancePath+"/secret/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/secret/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid0 = _errs19 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid2 = true;
passing0 = 3;
}
}
}
}
if(!valid2){
const err20 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/SecretRef/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
if(data.password !== undefined){
let data5 = data.password;
const _errs26 = errors;
let valid7 = false;
let passing1 = null;
const _errs27 = errors;
if(typeof data5 !== "string"){
const err21 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var _valid1 = _errs27 === errors;
if(_valid1){
valid7 = true;
passing1 = 0;
}
const _errs29 = errors;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.env === undefined){
const err22 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/1/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key4 in data5){
if(!(key4 === "env")){
const err23 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data5.env !== undefined){
let data6 = data5.env;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err24 = {instancePath:instancePath+"/password/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/password/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
var _valid1 = _errs29 === errors;
if(_valid1 && valid7){
valid7 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid7 = true;
passing1 = 1;
}
const _errs34 = errors;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.file === undefined){
const err27 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/2/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key5 in data5){
if(!(key5 === "file")){
const err28 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data5.file !== undefined){
let data7 = data5.file;
if(typeof data7 === "string"){
if(func3(data7) < 1){
const err29 = {instancePath:instancePath+"/password/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/password/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
var _valid1 = _errs34 === errors;
if(_valid1 && valid7){
valid7 = false;
passing1 = [passing1, 2];
}
else {
if(_valid1){
valid7 = true;
passing1 = 2;
}
const _errs39 = errors;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.ssm === undefined){
const err32 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/3/required",keyword:"required",params:{missingProperty: "ssm"},message:"must have required property '"+"ssm"+"'"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
for(const key6 in data5){
if(!(key6 === "ssm")){
const err33 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data5.ssm !== undefined){
let data8 = data5.ssm;
if(typeof data8 === "string"){
if(func3(data8) < 1){
const err34 = {instancePath:instancePath+"/password/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/password/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
var _valid1 = _errs39 === errors;
if(_valid1 && valid7){
valid7 = false;
passing1 = [passing1, 3];
}
else {
if(_valid1){
valid7 = true;
passing1 = 3;
}
}
}
}
if(!valid7){
const err37 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
else {
errors = _errs26;
if(vErrors !== null){
if(_errs26){
vErrors.length = _errs26;
}
else {
vErrors = null;
}
}
}
}
if(data.admin !== undefined){
if(typeof data.admin !== "boolean"){
const err38 = {instancePath:instancePath+"/admin",schemaPath:"#/properties/admin/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
validate18.errors = vErrors;
return errors === 0;
}

const schema29 = {"title":"RouterDocument","description":"The query router's settings (proxy/router/router-config.ts).","type":"object","additionalProperties":false,"properties":{"loadBalancing":{"type":"boolean"},"disableLoadBalanceOnWrite":{"enum":["transaction","trans_transaction","always","off","dml_adaptive"]},"dmlAdaptiveDependencies":{"type":"object","additionalProperties":{"$ref":"#/definitions/Patterns"}},"writeFunctions":{"$ref":"#/definitions/Patterns"},"readOnlyFunctions":{"$ref":"#/definitions/Patterns"},"primaryRoutingPatterns":{"$ref":"#/definitions/Patterns"},"statementLevelLoadBalance":{"type":"boolean"},"redirectPreferences":{"title":"RedirectPreferencesDocument","type":"object","additionalProperties":false,"properties":{"applicationName":{"$ref":"#/definitions/RedirectRules"},"database":{"$ref":"#/definitions/RedirectRules"},"user":{"$ref":"#/definitions/RedirectRules"}}},"delayThreshold":{"type":"integer","minimum":0,"description":"Bytes; 0: unchecked."},"delayThresholdByTime":{"type":"integer","minimum":0,"description":"Milliseconds; 0: unchecked."},"preferLowerDelayStandby":{"type":"boolean"},"classificationCacheSize":{"type":"integer","minimum":1}}};
const schema30 = {"type":"array","items":{"type":"string"}};
const schema34 = {"type":"array","items":{"title":"RedirectRuleDocument","type":"object","additionalProperties":false,"required":["pattern","target"],"properties":{"pattern":{"type":"string","minLength":1},"target":{"type":"string","minLength":1},"probability":{"type":"number","minimum":0,"maximum":1}}}};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema29.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.loadBalancing !== undefined){
if(typeof data.loadBalancing !== "boolean"){
const err1 = {instancePath:instancePath+"/loadBalancing",schemaPath:"#/properties/loadBalancing/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.disableLoadBalanceOnWrite !== undefined){
let data1 = data.disableLoadBalanceOnWrite;
if(!(((((data1 === "transaction") || (data1 === "trans_transaction")) || (data1 === "always")) || (data1 === "off")) || (data1 === "dml_adaptive"))){
const err2 = {instancePath:instancePath+"/disableLoadBalanceOnWrite",schemaPath:"#/properties/disableLoadBalanceOnWrite/enum",keyword:"enum",params:{allowedValues: schema29.properties.disableLoadBalanceOnWrite.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.dmlAdaptiveDependencies !== undefined){
let data2 = data.dmlAdaptiveDependencies;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
let data3 = data2[key1];
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(typeof data3[i0] !== "string"){
const err3 = {instancePath:instancePath+"/dmlAdaptiveDependencies/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/dmlAdaptiveDependencies/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/dmlAdaptiveDependencies",schemaPath:"#/properties/dmlAdaptiveDependencies/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.writeFunctions !== undefined){
let data5 = data.writeFunctions;
if(Array.isArray(data5)){
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
if(typeof data5[i1] !== "string"){
const err6 = {instancePath:instancePath+"/writeFunctions/" + i1,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/writeFunctions",schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.readOnlyFunctions !== undefined){
let data7 = data.readOnlyFunctions;
if(Array.isArray(data7)){
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
if(typeof data7[i2] !== "string"){
const err8 = {instancePath:instancePath+"/readOnlyFunctions/" + i2,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/readOnlyFunctions",schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.primaryRoutingPatterns !== undefined){
let data9 = data.primaryRoutingPatterns;
if(Array.isArray(data9)){
const len3 = data9.length;
for(let i3=0; i3<len3; i3++){
if(typeof data9[i3] !== "string"){
const err10 = {instancePath:instancePath+"/primaryRoutingPatterns/" + i3,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/primaryRoutingPatterns",schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.statementLevelLoadBalance !== undefined){
if(typeof data.statementLevelLoadBalance !== "boolean"){
const err12 = {instancePath:instancePath+"/statementLevelLoadBalance",schemaPath:"#/properties/statementLevelLoadBalance/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.redirectPreferences !== undefined){
let data12 = data.redirectPreferences;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key2 in data12){
if(!(((key2 === "applicationName") || (key2 === "database")) || (key2 === "user"))){
const err13 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data12.applicationName !== undefined){
let data13 = data12.applicationName;
if(Array.isArray(data13)){
const len4 = data13.length;
for(let i4=0; i4<len4; i4++){
let data14 = data13[i4];
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.pattern === undefined){
const err14 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data14.target === undefined){
const err15 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key3 in data14){
if(!(((key3 === "pattern") || (key3 === "target")) || (key3 === "probability"))){
const err16 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data14.pattern !== undefined){
let data15 = data14.pattern;
if(typeof data15 === "string"){
if(func3(data15) < 1){
const err17 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data14.target !== undefined){
let data16 = data14.target;
if(typeof data16 === "string"){
if(func3(data16) < 1){
const err19 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data14.probability !== undefined){
let data17 = data14.probability;
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 1 || isNaN(data17)){
const err21 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data17 < 0 || isNaN(data17)){
const err22 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/redirectPreferences/applicationName",schemaPath:"#/definitions/RedirectRules/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data12.database !== undefined){
let data18 = data12.database;
if(Array.isArray(data18)){
const len5 = data18.length;
for(let i5=0; i5<len5; i5++){
let data19 = data18[i5];
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.pattern === undefined){
const err26 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data19.target === undefined){
const err27 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key4 in data19){
if(!(((key4 === "pattern") || (key4 === "target")) || (key4 === "probability"))){
const err28 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data19.pattern !== undefined){
let data20 = data19.pattern;
if(typeof data20 === "string"){
if(func3(data20) < 1){
const err29 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data19.target !== undefined){
let data21 = data19.target;
if(typeof data21 === "string"){
if(func3(data21) < 1){
const err31 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data19.probability !== undefined){
let data22 = data19.probability;
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 1 || isNaN(data22)){
const err33 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data22 < 0 || isNaN(data22)){
const err34 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/redirectPreferences/database",schemaPath:"#/definitions/RedirectRules/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data12.user !== undefined){
let data23 = data12.user;
if(Array.isArray(data23)){
const len6 = data23.length;
for(let i6=0; i6<len6; i6++){
let data24 = data23[i6];
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.pattern === undefined){
const err38 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data24.target === undefined){
const err39 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
for(const key5 in data24){
if(!(((key5 === "pattern") || (key5 === "target")) || (key5 === "probability"))){
const err40 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data24.pattern !== undefined){
let data25 = data24.pattern;
if(typeof data25 === "string"){
if(func3(data25) < 1){
const err41 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data24.target !== undefined){
let data26 = data24.target;
if(typeof data26 === "string"){
if(func3(data26) < 1){
const err43 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data24.probability !== undefined){
let data27 = data24.probability;
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 1 || isNaN(data27)){
const err45 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data27 < 0 || isNaN(data27)){
const err46 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/redirectPreferences/user",schemaPath:"#/definitions/RedirectRules/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.delayThreshold !== undefined){
let data28 = data.delayThreshold;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err51 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 < 0 || isNaN(data28)){
const err52 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
if(data.delayThresholdByTime !== undefined){
let data29 = data.delayThresholdByTime;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err53 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 < 0 || isNaN(data29)){
const err54 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
if(data.preferLowerDelayStandby !== undefined){
if(typeof data.preferLowerDelayStandby !== "boolean"){
const err55 = {instancePath:instancePath+"/preferLowerDelayStandby",schemaPath:"#/properties/preferLowerDelayStandby/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.classificationCacheSize !== undefined){
let data31 = data.classificationCacheSize;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err56 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 1 || isNaN(data31)){
const err57 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
}
else {
const err58 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}

const schema37 = {"title":"HealthCheckDocument","description":"Backend monitor; absent or periodMs 0: off.","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"},"nodes":{"description":"Per-node overrides by backend name.","type":"object","additionalProperties":{"$ref":"#/definitions/HealthCheckTiming"}}}};
const schema40 = {"title":"HealthCheckTimingDocument","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "periodMs") || (key0 === "timeoutMs")) || (key0 === "retries")) || (key0 === "retryDelayMs"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.periodMs !== undefined){
let data0 = data.periodMs;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/periodMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/periodMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
if(data.timeoutMs !== undefined){
let data1 = data.timeoutMs;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.retries !== undefined){
let data2 = data.retries;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.retryDelayMs !== undefined){
let data3 = data.retryDelayMs;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err7 = {instancePath:instancePath+"/retryDelayMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/retryDelayMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "periodMs") || (key0 === "timeoutMs")) || (key0 === "retries")) || (key0 === "retryDelayMs")) || (key0 === "nodes"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.periodMs !== undefined){
let data0 = data.periodMs;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/periodMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/periodMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
if(data.timeoutMs !== undefined){
let data1 = data.timeoutMs;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.retries !== undefined){
let data2 = data.retries;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.retryDelayMs !== undefined){
let data3 = data.retryDelayMs;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err7 = {instancePath:instancePath+"/retryDelayMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/retryDelayMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.nodes !== undefined){
let data4 = data.nodes;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
if(!(validate23(data4[key1], {instancePath:instancePath+"/nodes/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data4,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema44 = {"title":"MonitorDocument","description":"The role health checks, lag checks and promotion log in as; default: the first admin user.","type":"object","additionalProperties":false,"required":["user"],"properties":{"user":{"type":"string","minLength":1},"password":{"$ref":"#/definitions/SecretRef"},"database":{"type":"string","minLength":1}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.user === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "user") || (key0 === "password")) || (key0 === "database"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.user !== undefined){
let data0 = data.user;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err2 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.password !== undefined){
let data1 = data.password;
const _errs6 = errors;
let valid2 = false;
let passing0 = null;
const _errs7 = errors;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs7 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs9 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.env === undefined){
const err5 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/1/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!(key1 === "env")){
const err6 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.env !== undefined){
let data2 = data1.env;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err7 = {instancePath:instancePath+"/password/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/password/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs9 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
const _errs14 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.file === undefined){
const err10 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/2/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key2 in data1){
if(!(key2 === "file")){
const err11 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data1.file !== undefined){
let data3 = data1.file;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err12 = {instancePath:instancePath+"/password/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/password/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var _valid0 = _errs14 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid2 = true;
passing0 = 2;
}
const _errs19 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.ssm === undefined){
const err15 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/3/required",keyword:"required",params:{missingProperty: "ssm"},message:"must have required property '"+"ssm"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key3 in data1){
if(!(key3 === "ssm")){
const err16 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data1.ssm !== undefined){
let data4 = data1.ssm;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err17 = {instancePath:instancePath+"/password/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/password/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid0 = _errs19 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid2 = true;
passing0 = 3;
}
}
}
}
if(!valid2){
const err20 = {instancePath:instancePath+"/password",schemaPath:"#/definitions/SecretRef/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
if(data.database !== undefined){
let data5 = data.database;
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err21 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}

const schema49 = {"title":"WatchdogDocument","description":"Proxy-tier HA (proxy/watchdog): the members elect a leader with a quorum, and only the leader holds the VIP and runs failovers. Absent: no watchdog, failover.coordinatorIndex decides who promotes.","type":"object","additionalProperties":false,"required":["self","members","vip"],"properties":{"self":{"description":"This proxy's index in `members`.","type":"integer","minimum":0},"members":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/WatchdogMember"}},"vip":{"$ref":"#/definitions/Vip"},"stateDir":{"description":"A directory only this member writes: its term and vote are kept there (watchdog-term.json, replaced atomically), so a restarted member never votes twice in one term. Absent: kept in memory only.","type":"string","minLength":1},"authKey":{"description":"The tier's shared key: every watchdog datagram carries an HMAC-SHA256 of it, and a member drops those without a valid one (Pgpool-II's wd_authkey). Absent: messages are not authenticated.","$ref":"#/definitions/SecretRef"},"vipPort":{"description":"For an `ip` VIP: while holding it, the proxy also listens on the VIP at this port (unless `listen` already covers every address), so every member's clients use one address and port.","$ref":"#/definitions/Port"},"heartbeatIntervalMs":{"description":"Every member sends a heartbeat to every other this often.","type":"integer","minimum":10},"deadTimeMs":{"description":"A member not heard from for this long is lost (Pgpool-II's wd_heartbeat_deadtime).","type":"integer","minimum":20},"leaseMs":{"description":"A leader holds the VIP only while a quorum acknowledged one of its heartbeats sent within this long; more than heartbeatIntervalMs.","type":"integer","minimum":20},"releaseTimeoutMs":{"description":"A VIP release taking longer is abandoned and retried; part of the wait before a new leader takes the VIP.","type":"integer","minimum":10}}};
const schema50 = {"title":"WatchdogMemberDocument","description":"One proxy of the tier, as every member lists it (the same order everywhere: a member is named by its index).","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"name":{"description":"For logs and SHOW WATCHDOG, e.g. `proxy[0]`.","type":"string","minLength":1},"host":{"description":"The address its heartbeats come from and go to (its own address, for this member: where it listens).","type":"string","minLength":1},"port":{"description":"Its UDP heartbeat port.","$ref":"#/definitions/Port"}}};

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.host === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.port === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "host")) || (key0 === "port"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.host !== undefined){
let data1 = data.host;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err6 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.port !== undefined){
let data2 = data.port;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 65535 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err10 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}

const schema52 = {"description":"What the leader moves: the topology's `proxy.ha.vip`, as written there.","oneOf":[{"$ref":"#/definitions/ElasticIpVip"},{"$ref":"#/definitions/SecondaryIpVip"},{"$ref":"#/definitions/RouteTableVip"},{"$ref":"#/definitions/DnsVip"},{"$ref":"#/definitions/LinuxIpVip"}],"title":"VipDocument"};
const schema53 = {"description":"Move an Elastic IP to the leader (AssociateAddress). Works across AZs; clients come over the internet, so proxies need public subnets.","type":"object","required":["type","allocationId"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"elastic-ip"},"allocationId":{"description":"The Elastic IP's allocation id (`eipalloc-…`).","type":"string","pattern":"^eipalloc-[0-9a-f]+$"},"address":{"description":"The public address, for documentation and status output.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"ElasticIpVipDocument"};
const schema54 = {"description":"Move a secondary private IP to the leader's ENI (AssignPrivateIpAddresses). One subnet only, so one AZ.","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"secondary-ip"},"address":{"description":"The private address, inside the proxies' subnet.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"SecondaryIpVipDocument"};
const schema55 = {"description":"Point a /32 route for the VIP at the leader instance (CreateRoute/ReplaceRoute). Works across AZs inside the VPC; the VIP must lie outside the VPC CIDR.","type":"object","required":["type","address","routeTables"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"route-table"},"address":{"description":"The VIP, outside the VPC CIDR.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"routeTables":{"description":"Route tables to update (`rtb-…`).","type":"array","minItems":1,"items":{"type":"string","pattern":"^rtb-[0-9a-f]+$","description":"A route table id: `rtb-` and hex digits."}}},"title":"RouteTableVipDocument"};
const schema56 = {"description":"UPSERT a Route 53 A record to the leader's address. Clients see a change only after the TTL.","type":"object","required":["type","hostedZoneId","recordName"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"dns"},"hostedZoneId":{"description":"Route 53 hosted zone id.","type":"string","minLength":1},"recordName":{"description":"The record clients connect to, e.g. `db.internal.example.com`.","type":"string","minLength":1},"ttl":{"description":"Record TTL in seconds.","type":"integer","minimum":0,"maximum":86400,"default":10}},"title":"DnsVipDocument"};
const schema57 = {"description":"A classic virtual IP added to a network interface with gratuitous ARP (on-premises and local only; it does not work in the cloud).","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"ip"},"address":{"description":"The virtual IP.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"interface":{"description":"Interface to add it to.","type":"string","default":"lo"},"prefixLength":{"description":"Prefix length of the address.","type":"integer","minimum":0,"maximum":32,"default":32}},"title":"LinuxIpVipDocument"};
const pattern0 = new RegExp("^eipalloc-[0-9a-f]+$", "u");
const pattern1 = new RegExp("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$", "u");
const pattern4 = new RegExp("^rtb-[0-9a-f]+$", "u");

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/definitions/ElasticIpVip/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.allocationId === undefined){
const err1 = {instancePath,schemaPath:"#/definitions/ElasticIpVip/required",keyword:"required",params:{missingProperty: "allocationId"},message:"must have required property '"+"allocationId"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "type") || (key0 === "allocationId")) || (key0 === "address"))){
const err2 = {instancePath,schemaPath:"#/definitions/ElasticIpVip/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
if("elastic-ip" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/ElasticIpVip/properties/type/const",keyword:"const",params:{allowedValue: "elastic-ip"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.allocationId !== undefined){
let data1 = data.allocationId;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err4 = {instancePath:instancePath+"/allocationId",schemaPath:"#/definitions/ElasticIpVip/properties/allocationId/pattern",keyword:"pattern",params:{pattern: "^eipalloc-[0-9a-f]+$"},message:"must match pattern \""+"^eipalloc-[0-9a-f]+$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/allocationId",schemaPath:"#/definitions/ElasticIpVip/properties/allocationId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.address !== undefined){
let data2 = data.address;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err6 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/ElasticIpVip/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/ElasticIpVip/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/definitions/ElasticIpVip/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err9 = {instancePath,schemaPath:"#/definitions/SecondaryIpVip/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.address === undefined){
const err10 = {instancePath,schemaPath:"#/definitions/SecondaryIpVip/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key1 in data){
if(!((key1 === "type") || (key1 === "address"))){
const err11 = {instancePath,schemaPath:"#/definitions/SecondaryIpVip/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.type !== undefined){
if("secondary-ip" !== data.type){
const err12 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/SecondaryIpVip/properties/type/const",keyword:"const",params:{allowedValue: "secondary-ip"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.address !== undefined){
let data4 = data.address;
if(typeof data4 === "string"){
if(!pattern1.test(data4)){
const err13 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/SecondaryIpVip/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/SecondaryIpVip/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/definitions/SecondaryIpVip/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid0 = _errs10 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs17 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err16 = {instancePath,schemaPath:"#/definitions/RouteTableVip/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data.address === undefined){
const err17 = {instancePath,schemaPath:"#/definitions/RouteTableVip/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data.routeTables === undefined){
const err18 = {instancePath,schemaPath:"#/definitions/RouteTableVip/required",keyword:"required",params:{missingProperty: "routeTables"},message:"must have required property '"+"routeTables"+"'"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
for(const key2 in data){
if(!(((key2 === "type") || (key2 === "address")) || (key2 === "routeTables"))){
const err19 = {instancePath,schemaPath:"#/definitions/RouteTableVip/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.type !== undefined){
if("route-table" !== data.type){
const err20 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/RouteTableVip/properties/type/const",keyword:"const",params:{allowedValue: "route-table"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.address !== undefined){
let data6 = data.address;
if(typeof data6 === "string"){
if(!pattern1.test(data6)){
const err21 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/RouteTableVip/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/RouteTableVip/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.routeTables !== undefined){
let data7 = data.routeTables;
if(Array.isArray(data7)){
if(data7.length < 1){
const err23 = {instancePath:instancePath+"/routeTables",schemaPath:"#/definitions/RouteTableVip/properties/routeTables/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(typeof data8 === "string"){
if(!pattern4.test(data8)){
const err24 = {instancePath:instancePath+"/routeTables/" + i0,schemaPath:"#/definitions/RouteTableVip/properties/routeTables/items/pattern",keyword:"pattern",params:{pattern: "^rtb-[0-9a-f]+$"},message:"must match pattern \""+"^rtb-[0-9a-f]+$"+"\""};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/routeTables/" + i0,schemaPath:"#/definitions/RouteTableVip/properties/routeTables/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/routeTables",schemaPath:"#/definitions/RouteTableVip/properties/routeTables/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath,schemaPath:"#/definitions/RouteTableVip/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var _valid0 = _errs17 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
const _errs28 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err28 = {instancePath,schemaPath:"#/definitions/DnsVip/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data.hostedZoneId === undefined){
const err29 = {instancePath,schemaPath:"#/definitions/DnsVip/required",keyword:"required",params:{missingProperty: "hostedZoneId"},message:"must have required property '"+"hostedZoneId"+"'"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data.recordName === undefined){
const err30 = {instancePath,schemaPath:"#/definitions/DnsVip/required",keyword:"required",params:{missingProperty: "recordName"},message:"must have required property '"+"recordName"+"'"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
for(const key3 in data){
if(!((((key3 === "type") || (key3 === "hostedZoneId")) || (key3 === "recordName")) || (key3 === "ttl"))){
const err31 = {instancePath,schemaPath:"#/definitions/DnsVip/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.type !== undefined){
if("dns" !== data.type){
const err32 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/DnsVip/properties/type/const",keyword:"const",params:{allowedValue: "dns"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.hostedZoneId !== undefined){
let data10 = data.hostedZoneId;
if(typeof data10 === "string"){
if(func3(data10) < 1){
const err33 = {instancePath:instancePath+"/hostedZoneId",schemaPath:"#/definitions/DnsVip/properties/hostedZoneId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/hostedZoneId",schemaPath:"#/definitions/DnsVip/properties/hostedZoneId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.recordName !== undefined){
let data11 = data.recordName;
if(typeof data11 === "string"){
if(func3(data11) < 1){
const err35 = {instancePath:instancePath+"/recordName",schemaPath:"#/definitions/DnsVip/properties/recordName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/recordName",schemaPath:"#/definitions/DnsVip/properties/recordName/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.ttl !== undefined){
let data12 = data.ttl;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err37 = {instancePath:instancePath+"/ttl",schemaPath:"#/definitions/DnsVip/properties/ttl/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 86400 || isNaN(data12)){
const err38 = {instancePath:instancePath+"/ttl",schemaPath:"#/definitions/DnsVip/properties/ttl/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data12 < 0 || isNaN(data12)){
const err39 = {instancePath:instancePath+"/ttl",schemaPath:"#/definitions/DnsVip/properties/ttl/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
}
else {
const err40 = {instancePath,schemaPath:"#/definitions/DnsVip/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
var _valid0 = _errs28 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
}
const _errs39 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err41 = {instancePath,schemaPath:"#/definitions/LinuxIpVip/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data.address === undefined){
const err42 = {instancePath,schemaPath:"#/definitions/LinuxIpVip/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
for(const key4 in data){
if(!((((key4 === "type") || (key4 === "address")) || (key4 === "interface")) || (key4 === "prefixLength"))){
const err43 = {instancePath,schemaPath:"#/definitions/LinuxIpVip/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.type !== undefined){
if("ip" !== data.type){
const err44 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/LinuxIpVip/properties/type/const",keyword:"const",params:{allowedValue: "ip"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.address !== undefined){
let data14 = data.address;
if(typeof data14 === "string"){
if(!pattern1.test(data14)){
const err45 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/LinuxIpVip/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/LinuxIpVip/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.interface !== undefined){
if(typeof data.interface !== "string"){
const err47 = {instancePath:instancePath+"/interface",schemaPath:"#/definitions/LinuxIpVip/properties/interface/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.prefixLength !== undefined){
let data16 = data.prefixLength;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err48 = {instancePath:instancePath+"/prefixLength",schemaPath:"#/definitions/LinuxIpVip/properties/prefixLength/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 32 || isNaN(data16)){
const err49 = {instancePath:instancePath+"/prefixLength",schemaPath:"#/definitions/LinuxIpVip/properties/prefixLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data16 < 0 || isNaN(data16)){
const err50 = {instancePath:instancePath+"/prefixLength",schemaPath:"#/definitions/LinuxIpVip/properties/prefixLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/definitions/LinuxIpVip/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
var _valid0 = _errs39 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 4];
}
else {
if(_valid0){
valid0 = true;
passing0 = 4;
}
}
}
}
}
if(!valid0){
const err52 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate31.errors = vErrors;
return errors === 0;
}


function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.self === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "self"},message:"must have required property '"+"self"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.members === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "members"},message:"must have required property '"+"members"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.vip === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "vip"},message:"must have required property '"+"vip"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema49.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.self !== undefined){
let data0 = data.self;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err4 = {instancePath:instancePath+"/self",schemaPath:"#/properties/self/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err5 = {instancePath:instancePath+"/self",schemaPath:"#/properties/self/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.members !== undefined){
let data1 = data.members;
if(Array.isArray(data1)){
if(data1.length < 1){
const err6 = {instancePath:instancePath+"/members",schemaPath:"#/properties/members/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate29(data1[i0], {instancePath:instancePath+"/members/" + i0,parentData:data1,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/members",schemaPath:"#/properties/members/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.vip !== undefined){
if(!(validate31(data.vip, {instancePath:instancePath+"/vip",parentData:data,parentDataProperty:"vip",rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.stateDir !== undefined){
let data4 = data.stateDir;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err8 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.authKey !== undefined){
let data5 = data.authKey;
const _errs12 = errors;
let valid4 = false;
let passing0 = null;
const _errs13 = errors;
if(typeof data5 !== "string"){
const err10 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid0 = _errs13 === errors;
if(_valid0){
valid4 = true;
passing0 = 0;
}
const _errs15 = errors;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.env === undefined){
const err11 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/1/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data5){
if(!(key1 === "env")){
const err12 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data5.env !== undefined){
let data6 = data5.env;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err13 = {instancePath:instancePath+"/authKey/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/authKey/env",schemaPath:"#/definitions/SecretRef/oneOf/1/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid0 = _errs15 === errors;
if(_valid0 && valid4){
valid4 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid4 = true;
passing0 = 1;
}
const _errs20 = errors;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.file === undefined){
const err16 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/2/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key2 in data5){
if(!(key2 === "file")){
const err17 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data5.file !== undefined){
let data7 = data5.file;
if(typeof data7 === "string"){
if(func3(data7) < 1){
const err18 = {instancePath:instancePath+"/authKey/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/authKey/file",schemaPath:"#/definitions/SecretRef/oneOf/2/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
var _valid0 = _errs20 === errors;
if(_valid0 && valid4){
valid4 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid4 = true;
passing0 = 2;
}
const _errs25 = errors;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.ssm === undefined){
const err21 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/3/required",keyword:"required",params:{missingProperty: "ssm"},message:"must have required property '"+"ssm"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key3 in data5){
if(!(key3 === "ssm")){
const err22 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data5.ssm !== undefined){
let data8 = data5.ssm;
if(typeof data8 === "string"){
if(func3(data8) < 1){
const err23 = {instancePath:instancePath+"/authKey/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/authKey/ssm",schemaPath:"#/definitions/SecretRef/oneOf/3/properties/ssm/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
var _valid0 = _errs25 === errors;
if(_valid0 && valid4){
valid4 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid4 = true;
passing0 = 3;
}
}
}
}
if(!valid4){
const err26 = {instancePath:instancePath+"/authKey",schemaPath:"#/definitions/SecretRef/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
else {
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
}
}
if(data.vipPort !== undefined){
let data9 = data.vipPort;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err27 = {instancePath:instancePath+"/vipPort",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 65535 || isNaN(data9)){
const err28 = {instancePath:instancePath+"/vipPort",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err29 = {instancePath:instancePath+"/vipPort",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
if(data.heartbeatIntervalMs !== undefined){
let data10 = data.heartbeatIntervalMs;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err30 = {instancePath:instancePath+"/heartbeatIntervalMs",schemaPath:"#/properties/heartbeatIntervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 10 || isNaN(data10)){
const err31 = {instancePath:instancePath+"/heartbeatIntervalMs",schemaPath:"#/properties/heartbeatIntervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
if(data.deadTimeMs !== undefined){
let data11 = data.deadTimeMs;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err32 = {instancePath:instancePath+"/deadTimeMs",schemaPath:"#/properties/deadTimeMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 20 || isNaN(data11)){
const err33 = {instancePath:instancePath+"/deadTimeMs",schemaPath:"#/properties/deadTimeMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 20},message:"must be >= 20"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(data.leaseMs !== undefined){
let data12 = data.leaseMs;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err34 = {instancePath:instancePath+"/leaseMs",schemaPath:"#/properties/leaseMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 20 || isNaN(data12)){
const err35 = {instancePath:instancePath+"/leaseMs",schemaPath:"#/properties/leaseMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 20},message:"must be >= 20"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
if(data.releaseTimeoutMs !== undefined){
let data13 = data.releaseTimeoutMs;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err36 = {instancePath:instancePath+"/releaseTimeoutMs",schemaPath:"#/properties/releaseTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 10 || isNaN(data13)){
const err37 = {instancePath:instancePath+"/releaseTimeoutMs",schemaPath:"#/properties/releaseTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
}
else {
const err38 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://pgtopo.dev/schemas/proxy-config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.listen === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "listen"},message:"must have required property '"+"listen"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.backends === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "backends"},message:"must have required property '"+"backends"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.users === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "users"},message:"must have required property '"+"users"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.listen !== undefined){
if(!(validate11(data.listen, {instancePath:instancePath+"/listen",parentData:data,parentDataProperty:"listen",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.metrics !== undefined){
if(!(validate11(data.metrics, {instancePath:instancePath+"/metrics",parentData:data,parentDataProperty:"metrics",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.tls !== undefined){
let data2 = data.tls;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!(((((key1 === "certFile") || (key1 === "keyFile")) || (key1 === "caFile")) || (key1 === "client")) || (key1 === "backend"))){
const err4 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/Tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data2.certFile !== undefined){
if(data2.keyFile === undefined){
const err5 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/Tls/dependencies",keyword:"dependencies",params:{property: "certFile",
    missingProperty: "keyFile",
    depsCount: 1,
    deps: "keyFile"},message:"must have property keyFile when property certFile is present"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data2.keyFile !== undefined){
if(data2.certFile === undefined){
const err6 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/Tls/dependencies",keyword:"dependencies",params:{property: "keyFile",
    missingProperty: "certFile",
    depsCount: 1,
    deps: "certFile"},message:"must have property certFile when property keyFile is present"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.certFile !== undefined){
let data3 = data2.certFile;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err7 = {instancePath:instancePath+"/tls/certFile",schemaPath:"#/definitions/Tls/properties/certFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/tls/certFile",schemaPath:"#/definitions/Tls/properties/certFile/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.keyFile !== undefined){
let data4 = data2.keyFile;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err9 = {instancePath:instancePath+"/tls/keyFile",schemaPath:"#/definitions/Tls/properties/keyFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/tls/keyFile",schemaPath:"#/definitions/Tls/properties/keyFile/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.caFile !== undefined){
let data5 = data2.caFile;
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err11 = {instancePath:instancePath+"/tls/caFile",schemaPath:"#/definitions/Tls/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/tls/caFile",schemaPath:"#/definitions/Tls/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data2.client !== undefined){
let data6 = data2.client;
if(!(((data6 === "disable") || (data6 === "allow")) || (data6 === "require"))){
const err13 = {instancePath:instancePath+"/tls/client",schemaPath:"#/definitions/Tls/properties/client/enum",keyword:"enum",params:{allowedValues: schema14.properties.client.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data2.backend !== undefined){
let data7 = data2.backend;
if(!((((data7 === "disable") || (data7 === "prefer")) || (data7 === "require")) || (data7 === "verify-full"))){
const err14 = {instancePath:instancePath+"/tls/backend",schemaPath:"#/definitions/Tls/properties/backend/enum",keyword:"enum",params:{allowedValues: schema14.properties.backend.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/Tls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.backends !== undefined){
let data8 = data.backends;
if(Array.isArray(data8)){
if(data8.length < 1){
const err16 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
if(!(validate14(data8[i0], {instancePath:instancePath+"/backends/" + i0,parentData:data8,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
}
else {
const err17 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.pool !== undefined){
if(!(validate16(data.pool, {instancePath:instancePath+"/pool",parentData:data,parentDataProperty:"pool",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
if(data.users !== undefined){
let data11 = data.users;
if(Array.isArray(data11)){
if(data11.length < 1){
const err18 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
const len1 = data11.length;
for(let i1=0; i1<len1; i1++){
if(!(validate18(data11[i1], {instancePath:instancePath+"/users/" + i1,parentData:data11,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);
errors = vErrors.length;
}
}
}
else {
const err19 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.hba !== undefined){
let data13 = data.hba;
if(Array.isArray(data13)){
const len2 = data13.length;
for(let i2=0; i2<len2; i2++){
let data14 = data13[i2];
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.type === undefined){
const err20 = {instancePath:instancePath+"/hba/" + i2,schemaPath:"#/definitions/HbaRule/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data14.database === undefined){
const err21 = {instancePath:instancePath+"/hba/" + i2,schemaPath:"#/definitions/HbaRule/required",keyword:"required",params:{missingProperty: "database"},message:"must have required property '"+"database"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data14.user === undefined){
const err22 = {instancePath:instancePath+"/hba/" + i2,schemaPath:"#/definitions/HbaRule/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data14.address === undefined){
const err23 = {instancePath:instancePath+"/hba/" + i2,schemaPath:"#/definitions/HbaRule/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data14.method === undefined){
const err24 = {instancePath:instancePath+"/hba/" + i2,schemaPath:"#/definitions/HbaRule/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
for(const key2 in data14){
if(!(((((key2 === "type") || (key2 === "database")) || (key2 === "user")) || (key2 === "address")) || (key2 === "method"))){
const err25 = {instancePath:instancePath+"/hba/" + i2,schemaPath:"#/definitions/HbaRule/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data14.type !== undefined){
let data15 = data14.type;
if(!(((data15 === "host") || (data15 === "hostssl")) || (data15 === "hostnossl"))){
const err26 = {instancePath:instancePath+"/hba/" + i2+"/type",schemaPath:"#/definitions/HbaRule/properties/type/enum",keyword:"enum",params:{allowedValues: schema28.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data14.database !== undefined){
if(typeof data14.database !== "string"){
const err27 = {instancePath:instancePath+"/hba/" + i2+"/database",schemaPath:"#/definitions/HbaRule/properties/database/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data14.user !== undefined){
if(typeof data14.user !== "string"){
const err28 = {instancePath:instancePath+"/hba/" + i2+"/user",schemaPath:"#/definitions/HbaRule/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data14.address !== undefined){
if(typeof data14.address !== "string"){
const err29 = {instancePath:instancePath+"/hba/" + i2+"/address",schemaPath:"#/definitions/HbaRule/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data14.method !== undefined){
let data19 = data14.method;
if(!((((data19 === "scram-sha-256") || (data19 === "md5")) || (data19 === "trust")) || (data19 === "reject"))){
const err30 = {instancePath:instancePath+"/hba/" + i2+"/method",schemaPath:"#/definitions/HbaRule/properties/method/enum",keyword:"enum",params:{allowedValues: schema28.properties.method.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/hba/" + i2,schemaPath:"#/definitions/HbaRule/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/hba",schemaPath:"#/properties/hba/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.router !== undefined){
if(!(validate20(data.router, {instancePath:instancePath+"/router",parentData:data,parentDataProperty:"router",rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
if(data.logLevel !== undefined){
let data21 = data.logLevel;
if(!((((data21 === "debug") || (data21 === "info")) || (data21 === "warn")) || (data21 === "error"))){
const err33 = {instancePath:instancePath+"/logLevel",schemaPath:"#/properties/logLevel/enum",keyword:"enum",params:{allowedValues: schema11.properties.logLevel.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.workers !== undefined){
let data22 = data.workers;
const _errs40 = errors;
let valid12 = false;
const _errs41 = errors;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err34 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 64 || isNaN(data22)){
const err35 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data22 < 1 || isNaN(data22)){
const err36 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
var _valid0 = _errs41 === errors;
valid12 = valid12 || _valid0;
if(!valid12){
const _errs43 = errors;
if("auto" !== data22){
const err37 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/1/const",keyword:"const",params:{allowedValue: "auto"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
var _valid0 = _errs43 === errors;
valid12 = valid12 || _valid0;
}
if(!valid12){
const err38 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
else {
errors = _errs40;
if(vErrors !== null){
if(_errs40){
vErrors.length = _errs40;
}
else {
vErrors = null;
}
}
}
}
if(data.healthCheck !== undefined){
if(!(validate22(data.healthCheck, {instancePath:instancePath+"/healthCheck",parentData:data,parentDataProperty:"healthCheck",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.replicationCheck !== undefined){
let data24 = data.replicationCheck;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
for(const key3 in data24){
if(!(key3 === "periodMs")){
const err39 = {instancePath:instancePath+"/replicationCheck",schemaPath:"#/properties/replicationCheck/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data24.periodMs !== undefined){
let data25 = data24.periodMs;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err40 = {instancePath:instancePath+"/replicationCheck/periodMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 < 0 || isNaN(data25)){
const err41 = {instancePath:instancePath+"/replicationCheck/periodMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
}
else {
const err42 = {instancePath:instancePath+"/replicationCheck",schemaPath:"#/properties/replicationCheck/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.monitor !== undefined){
if(!(validate26(data.monitor, {instancePath:instancePath+"/monitor",parentData:data,parentDataProperty:"monitor",rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
if(data.failover !== undefined){
let data27 = data.failover;
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
for(const key4 in data27){
if(!((((((((key4 === "enabled") || (key4 === "onBackendError")) || (key4 === "instanceIndex")) || (key4 === "coordinatorIndex")) || (key4 === "failoverCommand")) || (key4 === "followPrimaryCommand")) || (key4 === "priority")) || (key4 === "promoteTimeoutMs"))){
const err43 = {instancePath:instancePath+"/failover",schemaPath:"#/definitions/Failover/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data27.enabled !== undefined){
if(typeof data27.enabled !== "boolean"){
const err44 = {instancePath:instancePath+"/failover/enabled",schemaPath:"#/definitions/Failover/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data27.onBackendError !== undefined){
if(typeof data27.onBackendError !== "boolean"){
const err45 = {instancePath:instancePath+"/failover/onBackendError",schemaPath:"#/definitions/Failover/properties/onBackendError/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data27.instanceIndex !== undefined){
let data30 = data27.instanceIndex;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err46 = {instancePath:instancePath+"/failover/instanceIndex",schemaPath:"#/definitions/Failover/properties/instanceIndex/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 < 0 || isNaN(data30)){
const err47 = {instancePath:instancePath+"/failover/instanceIndex",schemaPath:"#/definitions/Failover/properties/instanceIndex/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
if(data27.coordinatorIndex !== undefined){
let data31 = data27.coordinatorIndex;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err48 = {instancePath:instancePath+"/failover/coordinatorIndex",schemaPath:"#/definitions/Failover/properties/coordinatorIndex/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 0 || isNaN(data31)){
const err49 = {instancePath:instancePath+"/failover/coordinatorIndex",schemaPath:"#/definitions/Failover/properties/coordinatorIndex/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
if(data27.failoverCommand !== undefined){
if(typeof data27.failoverCommand !== "string"){
const err50 = {instancePath:instancePath+"/failover/failoverCommand",schemaPath:"#/definitions/Failover/properties/failoverCommand/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data27.followPrimaryCommand !== undefined){
if(typeof data27.followPrimaryCommand !== "string"){
const err51 = {instancePath:instancePath+"/failover/followPrimaryCommand",schemaPath:"#/definitions/Failover/properties/followPrimaryCommand/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data27.priority !== undefined){
let data34 = data27.priority;
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
for(const key5 in data34){
let data35 = data34[key5];
if(!((typeof data35 == "number") && (isFinite(data35)))){
const err52 = {instancePath:instancePath+"/failover/priority/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/Failover/properties/priority/additionalProperties/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/failover/priority",schemaPath:"#/definitions/Failover/properties/priority/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data27.promoteTimeoutMs !== undefined){
let data36 = data27.promoteTimeoutMs;
if(!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))){
const err54 = {instancePath:instancePath+"/failover/promoteTimeoutMs",schemaPath:"#/definitions/Failover/properties/promoteTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 < 1000 || isNaN(data36)){
const err55 = {instancePath:instancePath+"/failover/promoteTimeoutMs",schemaPath:"#/definitions/Failover/properties/promoteTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1000},message:"must be >= 1000"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
}
else {
const err56 = {instancePath:instancePath+"/failover",schemaPath:"#/definitions/Failover/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.replication !== undefined){
let data37 = data.replication;
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
for(const key6 in data37){
if(!(((key6 === "mode") || (key6 === "syncStandbys")) || (key6 === "syncCandidates"))){
const err57 = {instancePath:instancePath+"/replication",schemaPath:"#/definitions/Replication/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data37.mode !== undefined){
let data38 = data37.mode;
if(!((data38 === "async") || (data38 === "sync"))){
const err58 = {instancePath:instancePath+"/replication/mode",schemaPath:"#/definitions/Replication/properties/mode/enum",keyword:"enum",params:{allowedValues: schema47.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data37.syncStandbys !== undefined){
let data39 = data37.syncStandbys;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err59 = {instancePath:instancePath+"/replication/syncStandbys",schemaPath:"#/definitions/Replication/properties/syncStandbys/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
if(data39 < 1 || isNaN(data39)){
const err60 = {instancePath:instancePath+"/replication/syncStandbys",schemaPath:"#/definitions/Replication/properties/syncStandbys/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
if(data37.syncCandidates !== undefined){
let data40 = data37.syncCandidates;
if(Array.isArray(data40)){
const len3 = data40.length;
for(let i3=0; i3<len3; i3++){
let data41 = data40[i3];
if(typeof data41 === "string"){
if(func3(data41) < 1){
const err61 = {instancePath:instancePath+"/replication/syncCandidates/" + i3,schemaPath:"#/definitions/Replication/properties/syncCandidates/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/replication/syncCandidates/" + i3,schemaPath:"#/definitions/Replication/properties/syncCandidates/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath:instancePath+"/replication/syncCandidates",schemaPath:"#/definitions/Replication/properties/syncCandidates/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/replication",schemaPath:"#/definitions/Replication/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data.dns !== undefined){
let data42 = data.dns;
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
for(const key7 in data42){
if(!(key7 === "servers")){
const err65 = {instancePath:instancePath+"/dns",schemaPath:"#/definitions/Dns/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data42.servers !== undefined){
let data43 = data42.servers;
if(Array.isArray(data43)){
if(data43.length < 1){
const err66 = {instancePath:instancePath+"/dns/servers",schemaPath:"#/definitions/Dns/properties/servers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
const len4 = data43.length;
for(let i4=0; i4<len4; i4++){
let data44 = data43[i4];
if(typeof data44 === "string"){
if(func3(data44) < 1){
const err67 = {instancePath:instancePath+"/dns/servers/" + i4,schemaPath:"#/definitions/Dns/properties/servers/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
else {
const err68 = {instancePath:instancePath+"/dns/servers/" + i4,schemaPath:"#/definitions/Dns/properties/servers/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
else {
const err69 = {instancePath:instancePath+"/dns/servers",schemaPath:"#/definitions/Dns/properties/servers/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/dns",schemaPath:"#/definitions/Dns/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data.watchdog !== undefined){
if(!(validate28(data.watchdog, {instancePath:instancePath+"/watchdog",parentData:data,parentDataProperty:"watchdog",rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
else {
const err71 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

export const validateRouterDocument = validate34;

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema29.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.loadBalancing !== undefined){
if(typeof data.loadBalancing !== "boolean"){
const err1 = {instancePath:instancePath+"/loadBalancing",schemaPath:"#/properties/loadBalancing/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.disableLoadBalanceOnWrite !== undefined){
let data1 = data.disableLoadBalanceOnWrite;
if(!(((((data1 === "transaction") || (data1 === "trans_transaction")) || (data1 === "always")) || (data1 === "off")) || (data1 === "dml_adaptive"))){
const err2 = {instancePath:instancePath+"/disableLoadBalanceOnWrite",schemaPath:"#/properties/disableLoadBalanceOnWrite/enum",keyword:"enum",params:{allowedValues: schema29.properties.disableLoadBalanceOnWrite.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.dmlAdaptiveDependencies !== undefined){
let data2 = data.dmlAdaptiveDependencies;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
let data3 = data2[key1];
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(typeof data3[i0] !== "string"){
const err3 = {instancePath:instancePath+"/dmlAdaptiveDependencies/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/dmlAdaptiveDependencies/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/dmlAdaptiveDependencies",schemaPath:"#/properties/dmlAdaptiveDependencies/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.writeFunctions !== undefined){
let data5 = data.writeFunctions;
if(Array.isArray(data5)){
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
if(typeof data5[i1] !== "string"){
const err6 = {instancePath:instancePath+"/writeFunctions/" + i1,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/writeFunctions",schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.readOnlyFunctions !== undefined){
let data7 = data.readOnlyFunctions;
if(Array.isArray(data7)){
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
if(typeof data7[i2] !== "string"){
const err8 = {instancePath:instancePath+"/readOnlyFunctions/" + i2,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/readOnlyFunctions",schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.primaryRoutingPatterns !== undefined){
let data9 = data.primaryRoutingPatterns;
if(Array.isArray(data9)){
const len3 = data9.length;
for(let i3=0; i3<len3; i3++){
if(typeof data9[i3] !== "string"){
const err10 = {instancePath:instancePath+"/primaryRoutingPatterns/" + i3,schemaPath:"#/definitions/Patterns/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/primaryRoutingPatterns",schemaPath:"#/definitions/Patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.statementLevelLoadBalance !== undefined){
if(typeof data.statementLevelLoadBalance !== "boolean"){
const err12 = {instancePath:instancePath+"/statementLevelLoadBalance",schemaPath:"#/properties/statementLevelLoadBalance/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.redirectPreferences !== undefined){
let data12 = data.redirectPreferences;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key2 in data12){
if(!(((key2 === "applicationName") || (key2 === "database")) || (key2 === "user"))){
const err13 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data12.applicationName !== undefined){
let data13 = data12.applicationName;
if(Array.isArray(data13)){
const len4 = data13.length;
for(let i4=0; i4<len4; i4++){
let data14 = data13[i4];
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.pattern === undefined){
const err14 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data14.target === undefined){
const err15 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key3 in data14){
if(!(((key3 === "pattern") || (key3 === "target")) || (key3 === "probability"))){
const err16 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data14.pattern !== undefined){
let data15 = data14.pattern;
if(typeof data15 === "string"){
if(func3(data15) < 1){
const err17 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data14.target !== undefined){
let data16 = data14.target;
if(typeof data16 === "string"){
if(func3(data16) < 1){
const err19 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data14.probability !== undefined){
let data17 = data14.probability;
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 1 || isNaN(data17)){
const err21 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data17 < 0 || isNaN(data17)){
const err22 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/redirectPreferences/applicationName/" + i4,schemaPath:"#/definitions/RedirectRules/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/redirectPreferences/applicationName",schemaPath:"#/definitions/RedirectRules/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data12.database !== undefined){
let data18 = data12.database;
if(Array.isArray(data18)){
const len5 = data18.length;
for(let i5=0; i5<len5; i5++){
let data19 = data18[i5];
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.pattern === undefined){
const err26 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data19.target === undefined){
const err27 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key4 in data19){
if(!(((key4 === "pattern") || (key4 === "target")) || (key4 === "probability"))){
const err28 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data19.pattern !== undefined){
let data20 = data19.pattern;
if(typeof data20 === "string"){
if(func3(data20) < 1){
const err29 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data19.target !== undefined){
let data21 = data19.target;
if(typeof data21 === "string"){
if(func3(data21) < 1){
const err31 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data19.probability !== undefined){
let data22 = data19.probability;
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 1 || isNaN(data22)){
const err33 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data22 < 0 || isNaN(data22)){
const err34 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/redirectPreferences/database/" + i5+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/redirectPreferences/database/" + i5,schemaPath:"#/definitions/RedirectRules/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/redirectPreferences/database",schemaPath:"#/definitions/RedirectRules/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data12.user !== undefined){
let data23 = data12.user;
if(Array.isArray(data23)){
const len6 = data23.length;
for(let i6=0; i6<len6; i6++){
let data24 = data23[i6];
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.pattern === undefined){
const err38 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data24.target === undefined){
const err39 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
for(const key5 in data24){
if(!(((key5 === "pattern") || (key5 === "target")) || (key5 === "probability"))){
const err40 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data24.pattern !== undefined){
let data25 = data24.pattern;
if(typeof data25 === "string"){
if(func3(data25) < 1){
const err41 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/pattern",schemaPath:"#/definitions/RedirectRules/items/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data24.target !== undefined){
let data26 = data24.target;
if(typeof data26 === "string"){
if(func3(data26) < 1){
const err43 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/target",schemaPath:"#/definitions/RedirectRules/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data24.probability !== undefined){
let data27 = data24.probability;
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 1 || isNaN(data27)){
const err45 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data27 < 0 || isNaN(data27)){
const err46 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/redirectPreferences/user/" + i6+"/probability",schemaPath:"#/definitions/RedirectRules/items/properties/probability/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/redirectPreferences/user/" + i6,schemaPath:"#/definitions/RedirectRules/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/redirectPreferences/user",schemaPath:"#/definitions/RedirectRules/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.delayThreshold !== undefined){
let data28 = data.delayThreshold;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err51 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 < 0 || isNaN(data28)){
const err52 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
if(data.delayThresholdByTime !== undefined){
let data29 = data.delayThresholdByTime;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err53 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 < 0 || isNaN(data29)){
const err54 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
if(data.preferLowerDelayStandby !== undefined){
if(typeof data.preferLowerDelayStandby !== "boolean"){
const err55 = {instancePath:instancePath+"/preferLowerDelayStandby",schemaPath:"#/properties/preferLowerDelayStandby/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.classificationCacheSize !== undefined){
let data31 = data.classificationCacheSize;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err56 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 1 || isNaN(data31)){
const err57 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
}
else {
const err58 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}

