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

export const validateProxyConfigDocument = validate21;
const schema6 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://pgtopo.dev/schemas/proxy-config.schema.json","title":"ProxyConfigDocument","description":"The file `pgtopo proxy --config` reads (JSON or YAML). pgtopo renders it from the topology (proxy-tier/proxy-tier-config.ts); it can also be written by hand. Unset settings take the defaults of proxy/config/proxy-defaults.ts.","type":"object","additionalProperties":false,"required":["listen","backends","users"],"properties":{"listen":{"$ref":"#/definitions/Endpoint"},"metrics":{"$ref":"#/definitions/Endpoint"},"tls":{"$ref":"#/definitions/Tls"},"backends":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Backend"}},"pool":{"$ref":"#/definitions/Pool"},"users":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/User"}},"hba":{"description":"Client access rules, first match wins; no match rejects. Default: scram-sha-256 for every TCP client.","type":"array","items":{"$ref":"#/definitions/HbaRule"}},"router":{"$ref":"#/definitions/Router"},"logLevel":{"enum":["debug","info","warn","error"]},"servingTag":{"description":"On EC2, a proxy without a watchdog: once it listens for clients it tags its own instance with this key (the value: when), so a roll (providers/aws) terminates the proxy it replaces only after the successor serves. Needs ec2:CreateTags on the instance in its role. Absent: no tag.","type":"string","pattern":"^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$"},"workers":{"description":"Event loops (worker threads) accepting on the listen port, sharing pool limits, admin views, metrics and one health check and failover; \"auto\": the cores this process may use. Default 1: one loop, no threads. Not with a watchdog.","anyOf":[{"type":"integer","minimum":1,"maximum":64},{"const":"auto"}]},"healthCheck":{"$ref":"#/definitions/HealthCheck"},"replicationCheck":{"title":"ReplicationCheckDocument","description":"Lag measurement for the router's delay thresholds; periodMs 0 or absent: off.","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"}}},"monitor":{"$ref":"#/definitions/Monitor"},"failover":{"$ref":"#/definitions/Failover"},"replication":{"$ref":"#/definitions/Replication"},"dns":{"$ref":"#/definitions/Dns"},"watchdog":{"$ref":"#/definitions/Watchdog"}},"definitions":{"Port":{"type":"integer","minimum":0,"maximum":65535},"Millis":{"type":"integer","minimum":0},"Endpoint":{"title":"EndpointDocument","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"type":"string","description":"Default 127.0.0.1."},"port":{"$ref":"#/definitions/Port"}}},"SecretRef":{"title":"SecretRefDocument","description":"A literal, an environment variable, a file (trailing white space trimmed) or an SSM Parameter Store parameter (SecureString, read with decryption); resolved at load and reload time, never logged.","oneOf":[{"type":"string"},{"type":"object","required":["env"],"additionalProperties":false,"properties":{"env":{"type":"string","minLength":1}}},{"type":"object","required":["file"],"additionalProperties":false,"properties":{"file":{"type":"string","minLength":1}}},{"type":"object","required":["ssm"],"additionalProperties":false,"properties":{"ssm":{"type":"string","minLength":1,"description":"The parameter's name, e.g. /pgtopo/shop/orders/app-password."}}}]},"Tls":{"title":"TlsDocument","description":"TLS towards clients (certFile and keyFile, or certParameter and keyParameter; client) and towards the backends (backend; caFile or caParameter). A client mode other than disable needs a certificate, and backend verify-full needs a CA (checked by the reader, which names the missing setting).","type":"object","additionalProperties":false,"dependencies":{"certFile":["keyFile"],"keyFile":["certFile"],"certParameter":["keyParameter"],"keyParameter":["certParameter"]},"properties":{"certFile":{"type":"string","minLength":1,"description":"PEM certificate presented to clients."},"keyFile":{"type":"string","minLength":1,"description":"PEM private key of certFile."},"caFile":{"type":"string","minLength":1,"description":"PEM CA bundle the backends' certificates are verified against."},"certParameter":{"type":"string","minLength":1,"description":"Instead of certFile: an SSM parameter whose value is the PEM certificate (chain) presented to clients, read with the config and at every reload; a new Version is a renewal (a proxy started from `ssm:` polls it)."},"keyParameter":{"type":"string","minLength":1,"description":"Instead of keyFile: an SSM parameter (a SecureString) whose value is the PEM private key of certParameter."},"caParameter":{"type":"string","minLength":1,"description":"Instead of caFile: an SSM parameter whose value is the PEM CA bundle the backends' certificates are verified against."},"client":{"description":"disable: answer SSLRequest with N; allow: offer TLS; require: refuse plaintext clients. Default: allow with certFile or certParameter, else disable.","enum":["disable","allow","require"]},"backend":{"description":"Towards PostgreSQL, like libpq's sslmode. Default: prefer.","enum":["disable","prefer","require","verify-full"]}}},"Backend":{"title":"BackendDocument","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"id":{"type":"integer","minimum":0,"description":"node_id; default: the position in the list."},"name":{"type":"string","minLength":1},"host":{"type":"string","minLength":1},"port":{"$ref":"#/definitions/Port"},"weight":{"type":"number","minimum":0,"description":"Load-balance weight; 0 never gets reads."},"role":{"description":"Hint until health checks know better.","enum":["primary","standby","unknown"]},"alwaysPrimary":{"type":"boolean","description":"ALWAYS_PRIMARY: the writer endpoint of a managed service."},"noFailover":{"type":"boolean","description":"DISALLOW_TO_FAILOVER."}}},"Pool":{"title":"PoolDocument","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["transaction","session"]},"size":{"type":"integer","minimum":1,"description":"Server connections per (backend, user, database)."},"maxServerConnections":{"type":"integer","minimum":1,"description":"Server connections across all pools."},"maxClientConnections":{"type":"integer","minimum":1},"maxPools":{"type":"integer","minimum":1,"description":"Pools a login may create; past it: 53300."},"emptyPoolTimeoutMs":{"$ref":"#/definitions/Millis"},"queueTimeoutMs":{"$ref":"#/definitions/Millis"},"connectTimeoutMs":{"$ref":"#/definitions/Millis"},"idleTimeoutMs":{"$ref":"#/definitions/Millis"},"lifetimeMs":{"$ref":"#/definitions/Millis"},"clientIdleTimeoutMs":{"$ref":"#/definitions/Millis"},"resetQuery":{"type":"string"},"trackPreparedStatements":{"type":"boolean"},"maxPreparedStatements":{"description":"Transaction mode: distinct named prepared statements the proxy remembers, and each server connection keeps prepared; the least recently used beyond it are forgotten (closed on the server before its next transaction).","type":"integer","minimum":1},"shutdownGraceMs":{"$ref":"#/definitions/Millis"}}},"User":{"title":"UserDocument","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1},"secret":{"$ref":"#/definitions/SecretRef"},"password":{"$ref":"#/definitions/SecretRef"},"admin":{"type":"boolean"}}},"HbaRule":{"title":"HbaRuleDocument","type":"object","additionalProperties":false,"required":["type","database","user","address","method"],"properties":{"type":{"enum":["host","hostssl","hostnossl"]},"database":{"type":"string"},"user":{"type":"string"},"address":{"type":"string"},"method":{"enum":["scram-sha-256","md5","trust","reject"]}}},"Patterns":{"type":"array","items":{"type":"string"}},"RedirectRules":{"type":"array","items":{"title":"RedirectRuleDocument","type":"object","additionalProperties":false,"required":["pattern","target"],"properties":{"pattern":{"type":"string","minLength":1},"target":{"type":"string","minLength":1},"probability":{"type":"number","minimum":0,"maximum":1}}}},"Router":{"title":"RouterDocument","description":"The query router's settings (proxy/router/router-config.ts).","type":"object","additionalProperties":false,"properties":{"loadBalancing":{"type":"boolean"},"disableLoadBalanceOnWrite":{"enum":["transaction","trans_transaction","always","off","dml_adaptive"]},"dmlAdaptiveDependencies":{"type":"object","additionalProperties":{"$ref":"#/definitions/Patterns"}},"writeFunctions":{"$ref":"#/definitions/Patterns"},"readOnlyFunctions":{"$ref":"#/definitions/Patterns"},"primaryRoutingPatterns":{"$ref":"#/definitions/Patterns"},"statementLevelLoadBalance":{"type":"boolean"},"redirectPreferences":{"title":"RedirectPreferencesDocument","type":"object","additionalProperties":false,"properties":{"applicationName":{"$ref":"#/definitions/RedirectRules"},"database":{"$ref":"#/definitions/RedirectRules"},"user":{"$ref":"#/definitions/RedirectRules"}}},"delayThreshold":{"type":"integer","minimum":0,"description":"Bytes; 0: unchecked."},"delayThresholdByTime":{"type":"integer","minimum":0,"description":"Milliseconds; 0: unchecked."},"preferLowerDelayStandby":{"type":"boolean"},"classificationCacheSize":{"type":"integer","minimum":1}}},"HealthCheckTiming":{"title":"HealthCheckTimingDocument","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"}}},"HealthCheck":{"title":"HealthCheckDocument","description":"Backend monitor; absent or periodMs 0: off.","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"},"nodes":{"description":"Per-node overrides by backend name.","type":"object","additionalProperties":{"$ref":"#/definitions/HealthCheckTiming"}}}},"Monitor":{"title":"MonitorDocument","description":"The role health checks, lag checks and promotion log in as; default: the first admin user.","type":"object","additionalProperties":false,"required":["user"],"properties":{"user":{"type":"string","minLength":1},"password":{"$ref":"#/definitions/SecretRef"},"database":{"type":"string","minLength":1}}},"Failover":{"title":"FailoverDocument","description":"Off unless enabled.","type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"onBackendError":{"type":"boolean"},"instanceIndex":{"type":"integer","minimum":0},"coordinatorIndex":{"type":"integer","minimum":0},"failoverCommand":{"type":"string"},"followPrimaryCommand":{"type":"string"},"priority":{"description":"Tie-break between equally advanced standbys by backend name: higher first.","type":"object","additionalProperties":{"type":"number"}},"promoteTimeoutMs":{"type":"integer","minimum":1000}}},"Replication":{"title":"ReplicationDocument","description":"How the cluster acknowledges commits; async when absent.","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["async","sync"]},"syncStandbys":{"type":"integer","minimum":1},"syncCandidates":{"type":"array","items":{"type":"string","minLength":1}}}},"Dns":{"title":"DnsDocument","description":"How backend host names are resolved: DNS answers are kept no longer than their TTL (proxy/backend/backend-address-resolver.ts).","type":"object","additionalProperties":false,"properties":{"servers":{"description":"DNS servers to ask, as address or address:port; default: the system's (/etc/resolv.conf). Names they do not know go through the system lookup (/etc/hosts).","type":"array","minItems":1,"items":{"type":"string","minLength":1}}}},"WatchdogMember":{"title":"WatchdogMemberDocument","description":"One proxy of the tier, as every member lists it (the same order everywhere: a member is named by its index).","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"name":{"description":"For logs and SHOW WATCHDOG, e.g. `proxy[0]`.","type":"string","minLength":1},"host":{"description":"The address its heartbeats come from and go to (its own address, for this member: where it listens).","type":"string","minLength":1},"port":{"description":"Its UDP heartbeat port.","$ref":"#/definitions/Port"}}},"ElasticIpVip":{"description":"Move an Elastic IP to the leader (AssociateAddress). Works across AZs; clients come over the internet, so proxies need public subnets.","type":"object","required":["type","allocationId"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"elastic-ip"},"allocationId":{"description":"The Elastic IP's allocation id (`eipalloc-…`).","type":"string","pattern":"^eipalloc-[0-9a-f]+$"},"address":{"description":"The public address, for documentation and status output.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"ElasticIpVipDocument"},"SecondaryIpVip":{"description":"Move a secondary private IP to the leader's ENI (AssignPrivateIpAddresses). One subnet only, so one AZ.","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"secondary-ip"},"address":{"description":"The private address, inside the proxies' subnet.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"SecondaryIpVipDocument"},"RouteTableVip":{"description":"Point a /32 route for the VIP at the leader instance (CreateRoute/ReplaceRoute). Works across AZs inside the VPC; the VIP must lie outside the VPC CIDR.","type":"object","required":["type","address","routeTables"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"route-table"},"address":{"description":"The VIP, outside the VPC CIDR.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"routeTables":{"description":"Route tables to update (`rtb-…`).","type":"array","minItems":1,"items":{"type":"string","pattern":"^rtb-[0-9a-f]+$","description":"A route table id: `rtb-` and hex digits."}}},"title":"RouteTableVipDocument"},"DnsVip":{"description":"UPSERT a Route 53 A record to the leader's address. Clients see a change only after the TTL.","type":"object","required":["type","hostedZoneId","recordName"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"dns"},"hostedZoneId":{"description":"Route 53 hosted zone id.","type":"string","minLength":1},"recordName":{"description":"The record clients connect to, e.g. `db.internal.example.com`.","type":"string","minLength":1},"ttl":{"description":"Record TTL in seconds.","type":"integer","minimum":0,"maximum":86400,"default":10}},"title":"DnsVipDocument"},"LinuxIpVip":{"description":"A classic virtual IP added to a network interface with gratuitous ARP (on-premises and local only; it does not work in the cloud).","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"ip"},"address":{"description":"The virtual IP.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"interface":{"description":"Interface to add it to.","type":"string","default":"lo"},"prefixLength":{"description":"Prefix length of the address.","type":"integer","minimum":0,"maximum":32,"default":32}},"title":"LinuxIpVipDocument"},"Vip":{"description":"What the leader moves: the topology's `proxy.ha.vip`, as written there.","oneOf":[{"$ref":"#/definitions/ElasticIpVip"},{"$ref":"#/definitions/SecondaryIpVip"},{"$ref":"#/definitions/RouteTableVip"},{"$ref":"#/definitions/DnsVip"},{"$ref":"#/definitions/LinuxIpVip"}],"title":"VipDocument"},"Watchdog":{"title":"WatchdogDocument","description":"Proxy-tier HA (proxy/watchdog): the members elect a leader with a quorum, and only the leader holds the VIP and runs failovers. Absent: no watchdog, failover.coordinatorIndex decides who promotes.","type":"object","additionalProperties":false,"required":["self","members","vip"],"properties":{"self":{"description":"This proxy's index in `members`.","type":"integer","minimum":0},"members":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/WatchdogMember"}},"vip":{"$ref":"#/definitions/Vip"},"stateDir":{"description":"A directory only this member writes: its term and vote are kept there (watchdog-term.json, replaced atomically), so a restarted member never votes twice in one term. Absent: kept in memory only.","type":"string","minLength":1},"authKey":{"description":"The tier's shared key: every watchdog datagram carries an HMAC-SHA256 of it, and a member drops those without a valid one (Pgpool-II's wd_authkey). Absent: messages are not authenticated.","$ref":"#/definitions/SecretRef"},"joinedTag":{"description":"On EC2: once this member knows a leader, it tags its own instance with this key (the value: when), so a roll of the tier (providers/aws) waits for the successor to have joined before the next member goes. Needs ec2:CreateTags on the instance in its role. Absent: no tag.","type":"string","pattern":"^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$"},"vipPort":{"description":"For an `ip` VIP: while holding it, the proxy also listens on the VIP at this port (unless `listen` already covers every address), so every member's clients use one address and port.","$ref":"#/definitions/Port"},"heartbeatIntervalMs":{"description":"Every member sends a heartbeat to every other this often.","type":"integer","minimum":10},"deadTimeMs":{"description":"A member not heard from for this long is lost (Pgpool-II's wd_heartbeat_deadtime).","type":"integer","minimum":20},"leaseMs":{"description":"A leader holds the VIP only while a quorum acknowledged one of its heartbeats sent within this long; more than heartbeatIntervalMs.","type":"integer","minimum":20},"releaseTimeoutMs":{"description":"A VIP release taking longer is abandoned and retried; part of the wait before a new leader takes the VIP.","type":"integer","minimum":10}}}}};
const func2 = Object.prototype.hasOwnProperty;
const schema7 = {"title":"EndpointDocument","type":"object","additionalProperties":false,"required":["port"],"properties":{"host":{"type":"string","description":"Default 127.0.0.1."},"port":{"$ref":"#/definitions/Port"}}};
const schema8 = {"type":"integer","minimum":0,"maximum":65535};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if((typeof data == "number") && (isFinite(data))){
if(data > 65535 || isNaN(data)){
const err1 = {instancePath,schemaPath:"#/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data < 0 || isNaN(data)){
const err2 = {instancePath,schemaPath:"#/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
validate23.errors = vErrors;
return errors === 0;
}


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(validate23(data.port, {instancePath:instancePath+"/port",parentData:data,parentDataProperty:"port",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema9 = {"title":"TlsDocument","description":"TLS towards clients (certFile and keyFile, or certParameter and keyParameter; client) and towards the backends (backend; caFile or caParameter). A client mode other than disable needs a certificate, and backend verify-full needs a CA (checked by the reader, which names the missing setting).","type":"object","additionalProperties":false,"dependencies":{"certFile":["keyFile"],"keyFile":["certFile"],"certParameter":["keyParameter"],"keyParameter":["certParameter"]},"properties":{"certFile":{"type":"string","minLength":1,"description":"PEM certificate presented to clients."},"keyFile":{"type":"string","minLength":1,"description":"PEM private key of certFile."},"caFile":{"type":"string","minLength":1,"description":"PEM CA bundle the backends' certificates are verified against."},"certParameter":{"type":"string","minLength":1,"description":"Instead of certFile: an SSM parameter whose value is the PEM certificate (chain) presented to clients, read with the config and at every reload; a new Version is a renewal (a proxy started from `ssm:` polls it)."},"keyParameter":{"type":"string","minLength":1,"description":"Instead of keyFile: an SSM parameter (a SecureString) whose value is the PEM private key of certParameter."},"caParameter":{"type":"string","minLength":1,"description":"Instead of caFile: an SSM parameter whose value is the PEM CA bundle the backends' certificates are verified against."},"client":{"description":"disable: answer SSLRequest with N; allow: offer TLS; require: refuse plaintext clients. Default: allow with certFile or certParameter, else disable.","enum":["disable","allow","require"]},"backend":{"description":"Towards PostgreSQL, like libpq's sslmode. Default: prefer.","enum":["disable","prefer","require","verify-full"]}}};
const func3 = ucs2length;

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "certFile") || (key0 === "keyFile")) || (key0 === "caFile")) || (key0 === "certParameter")) || (key0 === "keyParameter")) || (key0 === "caParameter")) || (key0 === "client")) || (key0 === "backend"))){
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
if(data.certFile !== undefined){
if(data.keyFile === undefined){
const err1 = {instancePath,schemaPath:"#/dependencies",keyword:"dependencies",params:{property: "certFile",
    missingProperty: "keyFile",
    depsCount: 1,
    deps: "keyFile"},message:"must have property keyFile when property certFile is present"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.keyFile !== undefined){
if(data.certFile === undefined){
const err2 = {instancePath,schemaPath:"#/dependencies",keyword:"dependencies",params:{property: "keyFile",
    missingProperty: "certFile",
    depsCount: 1,
    deps: "certFile"},message:"must have property certFile when property keyFile is present"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.certParameter !== undefined){
if(data.keyParameter === undefined){
const err3 = {instancePath,schemaPath:"#/dependencies",keyword:"dependencies",params:{property: "certParameter",
    missingProperty: "keyParameter",
    depsCount: 1,
    deps: "keyParameter"},message:"must have property keyParameter when property certParameter is present"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.keyParameter !== undefined){
if(data.certParameter === undefined){
const err4 = {instancePath,schemaPath:"#/dependencies",keyword:"dependencies",params:{property: "keyParameter",
    missingProperty: "certParameter",
    depsCount: 1,
    deps: "certParameter"},message:"must have property certParameter when property keyParameter is present"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.certFile !== undefined){
let data0 = data.certFile;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err5 = {instancePath:instancePath+"/certFile",schemaPath:"#/properties/certFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/certFile",schemaPath:"#/properties/certFile/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.keyFile !== undefined){
let data1 = data.keyFile;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/keyFile",schemaPath:"#/properties/keyFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err8 = {instancePath:instancePath+"/keyFile",schemaPath:"#/properties/keyFile/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.caFile !== undefined){
let data2 = data.caFile;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err9 = {instancePath:instancePath+"/caFile",schemaPath:"#/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err10 = {instancePath:instancePath+"/caFile",schemaPath:"#/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.certParameter !== undefined){
let data3 = data.certParameter;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err11 = {instancePath:instancePath+"/certParameter",schemaPath:"#/properties/certParameter/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err12 = {instancePath:instancePath+"/certParameter",schemaPath:"#/properties/certParameter/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.keyParameter !== undefined){
let data4 = data.keyParameter;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err13 = {instancePath:instancePath+"/keyParameter",schemaPath:"#/properties/keyParameter/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err14 = {instancePath:instancePath+"/keyParameter",schemaPath:"#/properties/keyParameter/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.caParameter !== undefined){
let data5 = data.caParameter;
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err15 = {instancePath:instancePath+"/caParameter",schemaPath:"#/properties/caParameter/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/caParameter",schemaPath:"#/properties/caParameter/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.client !== undefined){
let data6 = data.client;
if(!(((data6 === "disable") || (data6 === "allow")) || (data6 === "require"))){
const err17 = {instancePath:instancePath+"/client",schemaPath:"#/properties/client/enum",keyword:"enum",params:{allowedValues: schema9.properties.client.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.backend !== undefined){
let data7 = data.backend;
if(!((((data7 === "disable") || (data7 === "prefer")) || (data7 === "require")) || (data7 === "verify-full"))){
const err18 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/enum",keyword:"enum",params:{allowedValues: schema9.properties.backend.enum},message:"must be equal to one of the allowed values"};
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
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}

const schema10 = {"title":"BackendDocument","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"id":{"type":"integer","minimum":0,"description":"node_id; default: the position in the list."},"name":{"type":"string","minLength":1},"host":{"type":"string","minLength":1},"port":{"$ref":"#/definitions/Port"},"weight":{"type":"number","minimum":0,"description":"Load-balance weight; 0 never gets reads."},"role":{"description":"Hint until health checks know better.","enum":["primary","standby","unknown"]},"alwaysPrimary":{"type":"boolean","description":"ALWAYS_PRIMARY: the writer endpoint of a managed service."},"noFailover":{"type":"boolean","description":"DISALLOW_TO_FAILOVER."}}};

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
if(!(validate23(data.port, {instancePath:instancePath+"/port",parentData:data,parentDataProperty:"port",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.weight !== undefined){
let data4 = data.weight;
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.role !== undefined){
let data5 = data.role;
if(!(((data5 === "primary") || (data5 === "standby")) || (data5 === "unknown"))){
const err12 = {instancePath:instancePath+"/role",schemaPath:"#/properties/role/enum",keyword:"enum",params:{allowedValues: schema10.properties.role.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.alwaysPrimary !== undefined){
if(typeof data.alwaysPrimary !== "boolean"){
const err13 = {instancePath:instancePath+"/alwaysPrimary",schemaPath:"#/properties/alwaysPrimary/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.noFailover !== undefined){
if(typeof data.noFailover !== "boolean"){
const err14 = {instancePath:instancePath+"/noFailover",schemaPath:"#/properties/noFailover/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
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
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}

const schema11 = {"title":"PoolDocument","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["transaction","session"]},"size":{"type":"integer","minimum":1,"description":"Server connections per (backend, user, database)."},"maxServerConnections":{"type":"integer","minimum":1,"description":"Server connections across all pools."},"maxClientConnections":{"type":"integer","minimum":1},"maxPools":{"type":"integer","minimum":1,"description":"Pools a login may create; past it: 53300."},"emptyPoolTimeoutMs":{"$ref":"#/definitions/Millis"},"queueTimeoutMs":{"$ref":"#/definitions/Millis"},"connectTimeoutMs":{"$ref":"#/definitions/Millis"},"idleTimeoutMs":{"$ref":"#/definitions/Millis"},"lifetimeMs":{"$ref":"#/definitions/Millis"},"clientIdleTimeoutMs":{"$ref":"#/definitions/Millis"},"resetQuery":{"type":"string"},"trackPreparedStatements":{"type":"boolean"},"maxPreparedStatements":{"description":"Transaction mode: distinct named prepared statements the proxy remembers, and each server connection keeps prepared; the least recently used beyond it are forgotten (closed on the server before its next transaction).","type":"integer","minimum":1},"shutdownGraceMs":{"$ref":"#/definitions/Millis"}}};
const schema12 = {"type":"integer","minimum":0};

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if((typeof data == "number") && (isFinite(data))){
if(data < 0 || isNaN(data)){
const err1 = {instancePath,schemaPath:"#/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
validate33.errors = vErrors;
return errors === 0;
}


function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
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
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema11.properties.mode.enum},message:"must be equal to one of the allowed values"};
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
if(!(validate33(data.emptyPoolTimeoutMs, {instancePath:instancePath+"/emptyPoolTimeoutMs",parentData:data,parentDataProperty:"emptyPoolTimeoutMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.queueTimeoutMs !== undefined){
if(!(validate33(data.queueTimeoutMs, {instancePath:instancePath+"/queueTimeoutMs",parentData:data,parentDataProperty:"queueTimeoutMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.connectTimeoutMs !== undefined){
if(!(validate33(data.connectTimeoutMs, {instancePath:instancePath+"/connectTimeoutMs",parentData:data,parentDataProperty:"connectTimeoutMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.idleTimeoutMs !== undefined){
if(!(validate33(data.idleTimeoutMs, {instancePath:instancePath+"/idleTimeoutMs",parentData:data,parentDataProperty:"idleTimeoutMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.lifetimeMs !== undefined){
if(!(validate33(data.lifetimeMs, {instancePath:instancePath+"/lifetimeMs",parentData:data,parentDataProperty:"lifetimeMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.clientIdleTimeoutMs !== undefined){
if(!(validate33(data.clientIdleTimeoutMs, {instancePath:instancePath+"/clientIdleTimeoutMs",parentData:data,parentDataProperty:"clientIdleTimeoutMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.resetQuery !== undefined){
if(typeof data.resetQuery !== "string"){
const err10 = {instancePath:instancePath+"/resetQuery",schemaPath:"#/properties/resetQuery/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.trackPreparedStatements !== undefined){
if(typeof data.trackPreparedStatements !== "boolean"){
const err11 = {instancePath:instancePath+"/trackPreparedStatements",schemaPath:"#/properties/trackPreparedStatements/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.maxPreparedStatements !== undefined){
let data13 = data.maxPreparedStatements;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err12 = {instancePath:instancePath+"/maxPreparedStatements",schemaPath:"#/properties/maxPreparedStatements/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 1 || isNaN(data13)){
const err13 = {instancePath:instancePath+"/maxPreparedStatements",schemaPath:"#/properties/maxPreparedStatements/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.shutdownGraceMs !== undefined){
if(!(validate33(data.shutdownGraceMs, {instancePath:instancePath+"/shutdownGraceMs",parentData:data,parentDataProperty:"shutdownGraceMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate32.errors = vErrors;
return errors === 0;
}

const schema13 = {"title":"UserDocument","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1},"secret":{"$ref":"#/definitions/SecretRef"},"password":{"$ref":"#/definitions/SecretRef"},"admin":{"type":"boolean"}}};
const schema14 = {"title":"SecretRefDocument","description":"A literal, an environment variable, a file (trailing white space trimmed) or an SSM Parameter Store parameter (SecureString, read with decryption); resolved at load and reload time, never logged.","oneOf":[{"type":"string"},{"type":"object","required":["env"],"additionalProperties":false,"properties":{"env":{"type":"string","minLength":1}}},{"type":"object","required":["file"],"additionalProperties":false,"properties":{"file":{"type":"string","minLength":1}}},{"type":"object","required":["ssm"],"additionalProperties":false,"properties":{"ssm":{"type":"string","minLength":1,"description":"The parameter's name, e.g. /pgtopo/shop/orders/app-password."}}}]};

function validate43(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(typeof data !== "string"){
const err0 = {instancePath,schemaPath:"#/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.env === undefined){
const err1 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "env")){
const err2 = {instancePath,schemaPath:"#/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.env !== undefined){
let data0 = data.env;
if(typeof data0 === "string"){
if(func3(data0) < 1){
const err3 = {instancePath:instancePath+"/env",schemaPath:"#/oneOf/1/properties/env/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/env",schemaPath:"#/oneOf/1/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err5 = {instancePath,schemaPath:"#/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
var _valid0 = _errs3 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.file === undefined){
const err6 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data){
if(!(key1 === "file")){
const err7 = {instancePath,schemaPath:"#/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.file !== undefined){
let data1 = data.file;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err8 = {instancePath:instancePath+"/file",schemaPath:"#/oneOf/2/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err9 = {instancePath:instancePath+"/file",schemaPath:"#/oneOf/2/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err10 = {instancePath,schemaPath:"#/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid0 = _errs8 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
const _errs13 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.ssm === undefined){
const err11 = {instancePath,schemaPath:"#/oneOf/3/required",keyword:"required",params:{missingProperty: "ssm"},message:"must have required property '"+"ssm"+"'"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key2 in data){
if(!(key2 === "ssm")){
const err12 = {instancePath,schemaPath:"#/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.ssm !== undefined){
let data2 = data.ssm;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err13 = {instancePath:instancePath+"/ssm",schemaPath:"#/oneOf/3/properties/ssm/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err14 = {instancePath:instancePath+"/ssm",schemaPath:"#/oneOf/3/properties/ssm/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err15 = {instancePath,schemaPath:"#/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid0 = _errs13 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
}
}
}
}
if(!valid0){
const err16 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
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
validate43.errors = vErrors;
return errors === 0;
}


function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(validate43(data.secret, {instancePath:instancePath+"/secret",parentData:data,parentDataProperty:"secret",rootData}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.password !== undefined){
if(!(validate43(data.password, {instancePath:instancePath+"/password",parentData:data,parentDataProperty:"password",rootData}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.admin !== undefined){
if(typeof data.admin !== "boolean"){
const err4 = {instancePath:instancePath+"/admin",schemaPath:"#/properties/admin/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
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
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}

const schema15 = {"title":"HbaRuleDocument","type":"object","additionalProperties":false,"required":["type","database","user","address","method"],"properties":{"type":{"enum":["host","hostssl","hostnossl"]},"database":{"type":"string"},"user":{"type":"string"},"address":{"type":"string"},"method":{"enum":["scram-sha-256","md5","trust","reject"]}}};

function validate47(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.database === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "database"},message:"must have required property '"+"database"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.user === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.address === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.method === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "type") || (key0 === "database")) || (key0 === "user")) || (key0 === "address")) || (key0 === "method"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(!(((data0 === "host") || (data0 === "hostssl")) || (data0 === "hostnossl"))){
const err6 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema15.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.database !== undefined){
if(typeof data.database !== "string"){
const err7 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.user !== undefined){
if(typeof data.user !== "string"){
const err8 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.address !== undefined){
if(typeof data.address !== "string"){
const err9 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.method !== undefined){
let data4 = data.method;
if(!((((data4 === "scram-sha-256") || (data4 === "md5")) || (data4 === "trust")) || (data4 === "reject"))){
const err10 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema15.properties.method.enum},message:"must be equal to one of the allowed values"};
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
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate47.errors = vErrors;
return errors === 0;
}

const schema16 = {"title":"RouterDocument","description":"The query router's settings (proxy/router/router-config.ts).","type":"object","additionalProperties":false,"properties":{"loadBalancing":{"type":"boolean"},"disableLoadBalanceOnWrite":{"enum":["transaction","trans_transaction","always","off","dml_adaptive"]},"dmlAdaptiveDependencies":{"type":"object","additionalProperties":{"$ref":"#/definitions/Patterns"}},"writeFunctions":{"$ref":"#/definitions/Patterns"},"readOnlyFunctions":{"$ref":"#/definitions/Patterns"},"primaryRoutingPatterns":{"$ref":"#/definitions/Patterns"},"statementLevelLoadBalance":{"type":"boolean"},"redirectPreferences":{"title":"RedirectPreferencesDocument","type":"object","additionalProperties":false,"properties":{"applicationName":{"$ref":"#/definitions/RedirectRules"},"database":{"$ref":"#/definitions/RedirectRules"},"user":{"$ref":"#/definitions/RedirectRules"}}},"delayThreshold":{"type":"integer","minimum":0,"description":"Bytes; 0: unchecked."},"delayThresholdByTime":{"type":"integer","minimum":0,"description":"Milliseconds; 0: unchecked."},"preferLowerDelayStandby":{"type":"boolean"},"classificationCacheSize":{"type":"integer","minimum":1}}};
const schema17 = {"type":"array","items":{"type":"string"}};

function validate50(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(typeof data[i0] !== "string"){
const err0 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
else {
const err1 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
validate50.errors = vErrors;
return errors === 0;
}

const schema18 = {"type":"array","items":{"title":"RedirectRuleDocument","type":"object","additionalProperties":false,"required":["pattern","target"],"properties":{"pattern":{"type":"string","minLength":1},"target":{"type":"string","minLength":1},"probability":{"type":"number","minimum":0,"maximum":1}}}};

function validate55(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.pattern === undefined){
const err0 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data0.target === undefined){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data0){
if(!(((key0 === "pattern") || (key0 === "target")) || (key0 === "probability"))){
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data0.pattern !== undefined){
let data1 = data0.pattern;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err3 = {instancePath:instancePath+"/" + i0+"/pattern",schemaPath:"#/items/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/" + i0+"/pattern",schemaPath:"#/items/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data0.target !== undefined){
let data2 = data0.target;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err5 = {instancePath:instancePath+"/" + i0+"/target",schemaPath:"#/items/properties/target/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/" + i0+"/target",schemaPath:"#/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data0.probability !== undefined){
let data3 = data0.probability;
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 1 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/" + i0+"/probability",schemaPath:"#/items/properties/probability/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/" + i0+"/probability",schemaPath:"#/items/properties/probability/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
const err9 = {instancePath:instancePath+"/" + i0+"/probability",schemaPath:"#/items/properties/probability/type",keyword:"type",params:{type: "number"},message:"must be number"};
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
const err10 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
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
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate55.errors = vErrors;
return errors === 0;
}


function validate49(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema16.properties, key0))){
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
const err2 = {instancePath:instancePath+"/disableLoadBalanceOnWrite",schemaPath:"#/properties/disableLoadBalanceOnWrite/enum",keyword:"enum",params:{allowedValues: schema16.properties.disableLoadBalanceOnWrite.enum},message:"must be equal to one of the allowed values"};
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
if(!(validate50(data2[key1], {instancePath:instancePath+"/dmlAdaptiveDependencies/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data2,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/dmlAdaptiveDependencies",schemaPath:"#/properties/dmlAdaptiveDependencies/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.writeFunctions !== undefined){
if(!(validate50(data.writeFunctions, {instancePath:instancePath+"/writeFunctions",parentData:data,parentDataProperty:"writeFunctions",rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
if(data.readOnlyFunctions !== undefined){
if(!(validate50(data.readOnlyFunctions, {instancePath:instancePath+"/readOnlyFunctions",parentData:data,parentDataProperty:"readOnlyFunctions",rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
if(data.primaryRoutingPatterns !== undefined){
if(!(validate50(data.primaryRoutingPatterns, {instancePath:instancePath+"/primaryRoutingPatterns",parentData:data,parentDataProperty:"primaryRoutingPatterns",rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
if(data.statementLevelLoadBalance !== undefined){
if(typeof data.statementLevelLoadBalance !== "boolean"){
const err4 = {instancePath:instancePath+"/statementLevelLoadBalance",schemaPath:"#/properties/statementLevelLoadBalance/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.redirectPreferences !== undefined){
let data8 = data.redirectPreferences;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key2 in data8){
if(!(((key2 === "applicationName") || (key2 === "database")) || (key2 === "user"))){
const err5 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data8.applicationName !== undefined){
if(!(validate55(data8.applicationName, {instancePath:instancePath+"/redirectPreferences/applicationName",parentData:data8,parentDataProperty:"applicationName",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
if(data8.database !== undefined){
if(!(validate55(data8.database, {instancePath:instancePath+"/redirectPreferences/database",parentData:data8,parentDataProperty:"database",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
if(data8.user !== undefined){
if(!(validate55(data8.user, {instancePath:instancePath+"/redirectPreferences/user",parentData:data8,parentDataProperty:"user",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
}
else {
const err6 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.delayThreshold !== undefined){
let data12 = data.delayThreshold;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err7 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err8 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.delayThresholdByTime !== undefined){
let data13 = data.delayThresholdByTime;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err9 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err10 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.preferLowerDelayStandby !== undefined){
if(typeof data.preferLowerDelayStandby !== "boolean"){
const err11 = {instancePath:instancePath+"/preferLowerDelayStandby",schemaPath:"#/properties/preferLowerDelayStandby/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.classificationCacheSize !== undefined){
let data15 = data.classificationCacheSize;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err12 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 1 || isNaN(data15)){
const err13 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate49.errors = vErrors;
return errors === 0;
}

const schema19 = {"title":"HealthCheckDocument","description":"Backend monitor; absent or periodMs 0: off.","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"},"nodes":{"description":"Per-node overrides by backend name.","type":"object","additionalProperties":{"$ref":"#/definitions/HealthCheckTiming"}}}};
const schema20 = {"title":"HealthCheckTimingDocument","type":"object","additionalProperties":false,"properties":{"periodMs":{"$ref":"#/definitions/Millis"},"timeoutMs":{"type":"integer","minimum":1},"retries":{"type":"integer","minimum":0},"retryDelayMs":{"$ref":"#/definitions/Millis"}}};

function validate63(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(validate33(data.periodMs, {instancePath:instancePath+"/periodMs",parentData:data,parentDataProperty:"periodMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.timeoutMs !== undefined){
let data1 = data.timeoutMs;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err1 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err2 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.retries !== undefined){
let data2 = data.retries;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.retryDelayMs !== undefined){
if(!(validate33(data.retryDelayMs, {instancePath:instancePath+"/retryDelayMs",parentData:data,parentDataProperty:"retryDelayMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate63.errors = vErrors;
return errors === 0;
}


function validate60(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(validate33(data.periodMs, {instancePath:instancePath+"/periodMs",parentData:data,parentDataProperty:"periodMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.timeoutMs !== undefined){
let data1 = data.timeoutMs;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err1 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err2 = {instancePath:instancePath+"/timeoutMs",schemaPath:"#/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.retries !== undefined){
let data2 = data.retries;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.retryDelayMs !== undefined){
if(!(validate33(data.retryDelayMs, {instancePath:instancePath+"/retryDelayMs",parentData:data,parentDataProperty:"retryDelayMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.nodes !== undefined){
let data4 = data.nodes;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
if(!(validate63(data4[key1], {instancePath:instancePath+"/nodes/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data4,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate63.errors : vErrors.concat(validate63.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "object"},message:"must be object"};
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
validate60.errors = vErrors;
return errors === 0;
}

const schema21 = {"title":"MonitorDocument","description":"The role health checks, lag checks and promotion log in as; default: the first admin user.","type":"object","additionalProperties":false,"required":["user"],"properties":{"user":{"type":"string","minLength":1},"password":{"$ref":"#/definitions/SecretRef"},"database":{"type":"string","minLength":1}}};

function validate69(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(validate43(data.password, {instancePath:instancePath+"/password",parentData:data,parentDataProperty:"password",rootData}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.database !== undefined){
let data2 = data.database;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err4 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err5 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
validate69.errors = vErrors;
return errors === 0;
}

const schema22 = {"title":"FailoverDocument","description":"Off unless enabled.","type":"object","additionalProperties":false,"properties":{"enabled":{"type":"boolean"},"onBackendError":{"type":"boolean"},"instanceIndex":{"type":"integer","minimum":0},"coordinatorIndex":{"type":"integer","minimum":0},"failoverCommand":{"type":"string"},"followPrimaryCommand":{"type":"string"},"priority":{"description":"Tie-break between equally advanced standbys by backend name: higher first.","type":"object","additionalProperties":{"type":"number"}},"promoteTimeoutMs":{"type":"integer","minimum":1000}}};

function validate72(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "enabled") || (key0 === "onBackendError")) || (key0 === "instanceIndex")) || (key0 === "coordinatorIndex")) || (key0 === "failoverCommand")) || (key0 === "followPrimaryCommand")) || (key0 === "priority")) || (key0 === "promoteTimeoutMs"))){
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
if(data.enabled !== undefined){
if(typeof data.enabled !== "boolean"){
const err1 = {instancePath:instancePath+"/enabled",schemaPath:"#/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.onBackendError !== undefined){
if(typeof data.onBackendError !== "boolean"){
const err2 = {instancePath:instancePath+"/onBackendError",schemaPath:"#/properties/onBackendError/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.instanceIndex !== undefined){
let data2 = data.instanceIndex;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/instanceIndex",schemaPath:"#/properties/instanceIndex/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/instanceIndex",schemaPath:"#/properties/instanceIndex/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.coordinatorIndex !== undefined){
let data3 = data.coordinatorIndex;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err5 = {instancePath:instancePath+"/coordinatorIndex",schemaPath:"#/properties/coordinatorIndex/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/coordinatorIndex",schemaPath:"#/properties/coordinatorIndex/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.failoverCommand !== undefined){
if(typeof data.failoverCommand !== "string"){
const err7 = {instancePath:instancePath+"/failoverCommand",schemaPath:"#/properties/failoverCommand/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.followPrimaryCommand !== undefined){
if(typeof data.followPrimaryCommand !== "string"){
const err8 = {instancePath:instancePath+"/followPrimaryCommand",schemaPath:"#/properties/followPrimaryCommand/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.priority !== undefined){
let data6 = data.priority;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
let data7 = data6[key1];
if(!((typeof data7 == "number") && (isFinite(data7)))){
const err9 = {instancePath:instancePath+"/priority/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/priority/additionalProperties/type",keyword:"type",params:{type: "number"},message:"must be number"};
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
const err10 = {instancePath:instancePath+"/priority",schemaPath:"#/properties/priority/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.promoteTimeoutMs !== undefined){
let data8 = data.promoteTimeoutMs;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err11 = {instancePath:instancePath+"/promoteTimeoutMs",schemaPath:"#/properties/promoteTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 1000 || isNaN(data8)){
const err12 = {instancePath:instancePath+"/promoteTimeoutMs",schemaPath:"#/properties/promoteTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1000},message:"must be >= 1000"};
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
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate72.errors = vErrors;
return errors === 0;
}

const schema23 = {"title":"ReplicationDocument","description":"How the cluster acknowledges commits; async when absent.","type":"object","additionalProperties":false,"properties":{"mode":{"enum":["async","sync"]},"syncStandbys":{"type":"integer","minimum":1},"syncCandidates":{"type":"array","items":{"type":"string","minLength":1}}}};

function validate74(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "mode") || (key0 === "syncStandbys")) || (key0 === "syncCandidates"))){
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
if(!((data0 === "async") || (data0 === "sync"))){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema23.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.syncStandbys !== undefined){
let data1 = data.syncStandbys;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/syncStandbys",schemaPath:"#/properties/syncStandbys/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
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
const err3 = {instancePath:instancePath+"/syncStandbys",schemaPath:"#/properties/syncStandbys/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.syncCandidates !== undefined){
let data2 = data.syncCandidates;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err4 = {instancePath:instancePath+"/syncCandidates/" + i0,schemaPath:"#/properties/syncCandidates/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err5 = {instancePath:instancePath+"/syncCandidates/" + i0,schemaPath:"#/properties/syncCandidates/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
else {
const err6 = {instancePath:instancePath+"/syncCandidates",schemaPath:"#/properties/syncCandidates/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate74.errors = vErrors;
return errors === 0;
}

const schema24 = {"title":"DnsDocument","description":"How backend host names are resolved: DNS answers are kept no longer than their TTL (proxy/backend/backend-address-resolver.ts).","type":"object","additionalProperties":false,"properties":{"servers":{"description":"DNS servers to ask, as address or address:port; default: the system's (/etc/resolv.conf). Names they do not know go through the system lookup (/etc/hosts).","type":"array","minItems":1,"items":{"type":"string","minLength":1}}}};

function validate76(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(key0 === "servers")){
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
if(data.servers !== undefined){
let data0 = data.servers;
if(Array.isArray(data0)){
if(data0.length < 1){
const err1 = {instancePath:instancePath+"/servers",schemaPath:"#/properties/servers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err2 = {instancePath:instancePath+"/servers/" + i0,schemaPath:"#/properties/servers/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err3 = {instancePath:instancePath+"/servers/" + i0,schemaPath:"#/properties/servers/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err4 = {instancePath:instancePath+"/servers",schemaPath:"#/properties/servers/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate76.errors = vErrors;
return errors === 0;
}

const schema25 = {"title":"WatchdogDocument","description":"Proxy-tier HA (proxy/watchdog): the members elect a leader with a quorum, and only the leader holds the VIP and runs failovers. Absent: no watchdog, failover.coordinatorIndex decides who promotes.","type":"object","additionalProperties":false,"required":["self","members","vip"],"properties":{"self":{"description":"This proxy's index in `members`.","type":"integer","minimum":0},"members":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/WatchdogMember"}},"vip":{"$ref":"#/definitions/Vip"},"stateDir":{"description":"A directory only this member writes: its term and vote are kept there (watchdog-term.json, replaced atomically), so a restarted member never votes twice in one term. Absent: kept in memory only.","type":"string","minLength":1},"authKey":{"description":"The tier's shared key: every watchdog datagram carries an HMAC-SHA256 of it, and a member drops those without a valid one (Pgpool-II's wd_authkey). Absent: messages are not authenticated.","$ref":"#/definitions/SecretRef"},"joinedTag":{"description":"On EC2: once this member knows a leader, it tags its own instance with this key (the value: when), so a roll of the tier (providers/aws) waits for the successor to have joined before the next member goes. Needs ec2:CreateTags on the instance in its role. Absent: no tag.","type":"string","pattern":"^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$"},"vipPort":{"description":"For an `ip` VIP: while holding it, the proxy also listens on the VIP at this port (unless `listen` already covers every address), so every member's clients use one address and port.","$ref":"#/definitions/Port"},"heartbeatIntervalMs":{"description":"Every member sends a heartbeat to every other this often.","type":"integer","minimum":10},"deadTimeMs":{"description":"A member not heard from for this long is lost (Pgpool-II's wd_heartbeat_deadtime).","type":"integer","minimum":20},"leaseMs":{"description":"A leader holds the VIP only while a quorum acknowledged one of its heartbeats sent within this long; more than heartbeatIntervalMs.","type":"integer","minimum":20},"releaseTimeoutMs":{"description":"A VIP release taking longer is abandoned and retried; part of the wait before a new leader takes the VIP.","type":"integer","minimum":10}}};
const schema26 = {"title":"WatchdogMemberDocument","description":"One proxy of the tier, as every member lists it (the same order everywhere: a member is named by its index).","type":"object","additionalProperties":false,"required":["name","host","port"],"properties":{"name":{"description":"For logs and SHOW WATCHDOG, e.g. `proxy[0]`.","type":"string","minLength":1},"host":{"description":"The address its heartbeats come from and go to (its own address, for this member: where it listens).","type":"string","minLength":1},"port":{"description":"Its UDP heartbeat port.","$ref":"#/definitions/Port"}}};

function validate79(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(validate23(data.port, {instancePath:instancePath+"/port",parentData:data,parentDataProperty:"port",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate79.errors = vErrors;
return errors === 0;
}

const schema27 = {"description":"What the leader moves: the topology's `proxy.ha.vip`, as written there.","oneOf":[{"$ref":"#/definitions/ElasticIpVip"},{"$ref":"#/definitions/SecondaryIpVip"},{"$ref":"#/definitions/RouteTableVip"},{"$ref":"#/definitions/DnsVip"},{"$ref":"#/definitions/LinuxIpVip"}],"title":"VipDocument"};
const schema28 = {"description":"Move an Elastic IP to the leader (AssociateAddress). Works across AZs; clients come over the internet, so proxies need public subnets.","type":"object","required":["type","allocationId"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"elastic-ip"},"allocationId":{"description":"The Elastic IP's allocation id (`eipalloc-…`).","type":"string","pattern":"^eipalloc-[0-9a-f]+$"},"address":{"description":"The public address, for documentation and status output.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"ElasticIpVipDocument"};
const pattern1 = new RegExp("^eipalloc-[0-9a-f]+$", "u");
const pattern2 = new RegExp("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$", "u");

function validate83(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.allocationId === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "allocationId"},message:"must have required property '"+"allocationId"+"'"};
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
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
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
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "elastic-ip"},message:"must be equal to constant"};
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
if(!pattern1.test(data1)){
const err4 = {instancePath:instancePath+"/allocationId",schemaPath:"#/properties/allocationId/pattern",keyword:"pattern",params:{pattern: "^eipalloc-[0-9a-f]+$"},message:"must match pattern \""+"^eipalloc-[0-9a-f]+$"+"\""};
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
const err5 = {instancePath:instancePath+"/allocationId",schemaPath:"#/properties/allocationId/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(!pattern2.test(data2)){
const err6 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
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
const err7 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate83.errors = vErrors;
return errors === 0;
}

const schema29 = {"description":"Move a secondary private IP to the leader's ENI (AssignPrivateIpAddresses). One subnet only, so one AZ.","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"secondary-ip"},"address":{"description":"The private address, inside the proxies' subnet.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"}},"title":"SecondaryIpVipDocument"};

function validate85(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.address === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "type") || (key0 === "address"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
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
if("secondary-ip" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "secondary-ip"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.address !== undefined){
let data1 = data.address;
if(typeof data1 === "string"){
if(!pattern2.test(data1)){
const err4 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
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
const err5 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
validate85.errors = vErrors;
return errors === 0;
}

const schema30 = {"description":"Point a /32 route for the VIP at the leader instance (CreateRoute/ReplaceRoute). Works across AZs inside the VPC; the VIP must lie outside the VPC CIDR.","type":"object","required":["type","address","routeTables"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"route-table"},"address":{"description":"The VIP, outside the VPC CIDR.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"routeTables":{"description":"Route tables to update (`rtb-…`).","type":"array","minItems":1,"items":{"type":"string","pattern":"^rtb-[0-9a-f]+$","description":"A route table id: `rtb-` and hex digits."}}},"title":"RouteTableVipDocument"};
const pattern5 = new RegExp("^rtb-[0-9a-f]+$", "u");

function validate87(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.address === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.routeTables === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "routeTables"},message:"must have required property '"+"routeTables"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "type") || (key0 === "address")) || (key0 === "routeTables"))){
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
if(data.type !== undefined){
if("route-table" !== data.type){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "route-table"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.address !== undefined){
let data1 = data.address;
if(typeof data1 === "string"){
if(!pattern2.test(data1)){
const err5 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.routeTables !== undefined){
let data2 = data.routeTables;
if(Array.isArray(data2)){
if(data2.length < 1){
const err7 = {instancePath:instancePath+"/routeTables",schemaPath:"#/properties/routeTables/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(!pattern5.test(data3)){
const err8 = {instancePath:instancePath+"/routeTables/" + i0,schemaPath:"#/properties/routeTables/items/pattern",keyword:"pattern",params:{pattern: "^rtb-[0-9a-f]+$"},message:"must match pattern \""+"^rtb-[0-9a-f]+$"+"\""};
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
const err9 = {instancePath:instancePath+"/routeTables/" + i0,schemaPath:"#/properties/routeTables/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err10 = {instancePath:instancePath+"/routeTables",schemaPath:"#/properties/routeTables/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate87.errors = vErrors;
return errors === 0;
}

const schema31 = {"description":"UPSERT a Route 53 A record to the leader's address. Clients see a change only after the TTL.","type":"object","required":["type","hostedZoneId","recordName"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"dns"},"hostedZoneId":{"description":"Route 53 hosted zone id.","type":"string","minLength":1},"recordName":{"description":"The record clients connect to, e.g. `db.internal.example.com`.","type":"string","minLength":1},"ttl":{"description":"Record TTL in seconds.","type":"integer","minimum":0,"maximum":86400,"default":10}},"title":"DnsVipDocument"};

function validate89(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.hostedZoneId === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hostedZoneId"},message:"must have required property '"+"hostedZoneId"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.recordName === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "recordName"},message:"must have required property '"+"recordName"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "type") || (key0 === "hostedZoneId")) || (key0 === "recordName")) || (key0 === "ttl"))){
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
if(data.type !== undefined){
if("dns" !== data.type){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "dns"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.hostedZoneId !== undefined){
let data1 = data.hostedZoneId;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err5 = {instancePath:instancePath+"/hostedZoneId",schemaPath:"#/properties/hostedZoneId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/hostedZoneId",schemaPath:"#/properties/hostedZoneId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.recordName !== undefined){
let data2 = data.recordName;
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err7 = {instancePath:instancePath+"/recordName",schemaPath:"#/properties/recordName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err8 = {instancePath:instancePath+"/recordName",schemaPath:"#/properties/recordName/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.ttl !== undefined){
let data3 = data.ttl;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/ttl",schemaPath:"#/properties/ttl/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 86400 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/ttl",schemaPath:"#/properties/ttl/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/ttl",schemaPath:"#/properties/ttl/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate89.errors = vErrors;
return errors === 0;
}

const schema32 = {"description":"A classic virtual IP added to a network interface with gratuitous ARP (on-premises and local only; it does not work in the cloud).","type":"object","required":["type","address"],"additionalProperties":false,"properties":{"type":{"description":"VIP method.","const":"ip"},"address":{"description":"The virtual IP.","type":"string","pattern":"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},"interface":{"description":"Interface to add it to.","type":"string","default":"lo"},"prefixLength":{"description":"Prefix length of the address.","type":"integer","minimum":0,"maximum":32,"default":32}},"title":"LinuxIpVipDocument"};

function validate91(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.address === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "type") || (key0 === "address")) || (key0 === "interface")) || (key0 === "prefixLength"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
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
if("ip" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "ip"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.address !== undefined){
let data1 = data.address;
if(typeof data1 === "string"){
if(!pattern2.test(data1)){
const err4 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/pattern",keyword:"pattern",params:{pattern: "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"},message:"must match pattern \""+"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"+"\""};
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
const err5 = {instancePath:instancePath+"/address",schemaPath:"#/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.interface !== undefined){
if(typeof data.interface !== "string"){
const err6 = {instancePath:instancePath+"/interface",schemaPath:"#/properties/interface/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.prefixLength !== undefined){
let data3 = data.prefixLength;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err7 = {instancePath:instancePath+"/prefixLength",schemaPath:"#/properties/prefixLength/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 32 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/prefixLength",schemaPath:"#/properties/prefixLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/prefixLength",schemaPath:"#/properties/prefixLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
validate91.errors = vErrors;
return errors === 0;
}


function validate82(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(!(validate83(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate83.errors : vErrors.concat(validate83.errors);
errors = vErrors.length;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs2 = errors;
if(!(validate85(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate85.errors : vErrors.concat(validate85.errors);
errors = vErrors.length;
}
var _valid0 = _errs2 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs3 = errors;
if(!(validate87(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate87.errors : vErrors.concat(validate87.errors);
errors = vErrors.length;
}
var _valid0 = _errs3 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
const _errs4 = errors;
if(!(validate89(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate89.errors : vErrors.concat(validate89.errors);
errors = vErrors.length;
}
var _valid0 = _errs4 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 3];
}
else {
if(_valid0){
valid0 = true;
passing0 = 3;
}
const _errs5 = errors;
if(!(validate91(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate91.errors : vErrors.concat(validate91.errors);
errors = vErrors.length;
}
var _valid0 = _errs5 === errors;
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
const err0 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
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
validate82.errors = vErrors;
return errors === 0;
}

const pattern0 = new RegExp("^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$", "u");

function validate78(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(func2.call(schema25.properties, key0))){
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
if(!(validate79(data1[i0], {instancePath:instancePath+"/members/" + i0,parentData:data1,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate79.errors : vErrors.concat(validate79.errors);
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
if(!(validate82(data.vip, {instancePath:instancePath+"/vip",parentData:data,parentDataProperty:"vip",rootData}))){
vErrors = vErrors === null ? validate82.errors : vErrors.concat(validate82.errors);
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
if(!(validate43(data.authKey, {instancePath:instancePath+"/authKey",parentData:data,parentDataProperty:"authKey",rootData}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.joinedTag !== undefined){
let data6 = data.joinedTag;
if(typeof data6 === "string"){
if(!pattern0.test(data6)){
const err10 = {instancePath:instancePath+"/joinedTag",schemaPath:"#/properties/joinedTag/pattern",keyword:"pattern",params:{pattern: "^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$"},message:"must match pattern \""+"^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/joinedTag",schemaPath:"#/properties/joinedTag/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.vipPort !== undefined){
if(!(validate23(data.vipPort, {instancePath:instancePath+"/vipPort",parentData:data,parentDataProperty:"vipPort",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.heartbeatIntervalMs !== undefined){
let data8 = data.heartbeatIntervalMs;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err12 = {instancePath:instancePath+"/heartbeatIntervalMs",schemaPath:"#/properties/heartbeatIntervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 10 || isNaN(data8)){
const err13 = {instancePath:instancePath+"/heartbeatIntervalMs",schemaPath:"#/properties/heartbeatIntervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10"};
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
if(data.deadTimeMs !== undefined){
let data9 = data.deadTimeMs;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err14 = {instancePath:instancePath+"/deadTimeMs",schemaPath:"#/properties/deadTimeMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 20 || isNaN(data9)){
const err15 = {instancePath:instancePath+"/deadTimeMs",schemaPath:"#/properties/deadTimeMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 20},message:"must be >= 20"};
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
if(data.leaseMs !== undefined){
let data10 = data.leaseMs;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err16 = {instancePath:instancePath+"/leaseMs",schemaPath:"#/properties/leaseMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 20 || isNaN(data10)){
const err17 = {instancePath:instancePath+"/leaseMs",schemaPath:"#/properties/leaseMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 20},message:"must be >= 20"};
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
if(data.releaseTimeoutMs !== undefined){
let data11 = data.releaseTimeoutMs;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err18 = {instancePath:instancePath+"/releaseTimeoutMs",schemaPath:"#/properties/releaseTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 10 || isNaN(data11)){
const err19 = {instancePath:instancePath+"/releaseTimeoutMs",schemaPath:"#/properties/releaseTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10"};
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
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate78.errors = vErrors;
return errors === 0;
}


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
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
if(!(func2.call(schema6.properties, key0))){
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
if(!(validate22(data.listen, {instancePath:instancePath+"/listen",parentData:data,parentDataProperty:"listen",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.metrics !== undefined){
if(!(validate22(data.metrics, {instancePath:instancePath+"/metrics",parentData:data,parentDataProperty:"metrics",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.tls !== undefined){
if(!(validate27(data.tls, {instancePath:instancePath+"/tls",parentData:data,parentDataProperty:"tls",rootData}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.backends !== undefined){
let data3 = data.backends;
if(Array.isArray(data3)){
if(data3.length < 1){
const err4 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(!(validate29(data3[i0], {instancePath:instancePath+"/backends/" + i0,parentData:data3,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.pool !== undefined){
if(!(validate32(data.pool, {instancePath:instancePath+"/pool",parentData:data,parentDataProperty:"pool",rootData}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.users !== undefined){
let data6 = data.users;
if(Array.isArray(data6)){
if(data6.length < 1){
const err6 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
if(!(validate42(data6[i1], {instancePath:instancePath+"/users/" + i1,parentData:data6,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.hba !== undefined){
let data8 = data.hba;
if(Array.isArray(data8)){
const len2 = data8.length;
for(let i2=0; i2<len2; i2++){
if(!(validate47(data8[i2], {instancePath:instancePath+"/hba/" + i2,parentData:data8,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate47.errors : vErrors.concat(validate47.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/hba",schemaPath:"#/properties/hba/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.router !== undefined){
if(!(validate49(data.router, {instancePath:instancePath+"/router",parentData:data,parentDataProperty:"router",rootData}))){
vErrors = vErrors === null ? validate49.errors : vErrors.concat(validate49.errors);
errors = vErrors.length;
}
}
if(data.logLevel !== undefined){
let data11 = data.logLevel;
if(!((((data11 === "debug") || (data11 === "info")) || (data11 === "warn")) || (data11 === "error"))){
const err9 = {instancePath:instancePath+"/logLevel",schemaPath:"#/properties/logLevel/enum",keyword:"enum",params:{allowedValues: schema6.properties.logLevel.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.servingTag !== undefined){
let data12 = data.servingTag;
if(typeof data12 === "string"){
if(!pattern0.test(data12)){
const err10 = {instancePath:instancePath+"/servingTag",schemaPath:"#/properties/servingTag/pattern",keyword:"pattern",params:{pattern: "^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$"},message:"must match pattern \""+"^(?!aws:)[A-Za-z0-9 +\\-=._:/@]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/servingTag",schemaPath:"#/properties/servingTag/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.workers !== undefined){
let data13 = data.workers;
const _errs20 = errors;
let valid7 = false;
const _errs21 = errors;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err12 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 64 || isNaN(data13)){
const err13 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data13 < 1 || isNaN(data13)){
const err14 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var _valid0 = _errs21 === errors;
valid7 = valid7 || _valid0;
if(!valid7){
const _errs23 = errors;
if("auto" !== data13){
const err15 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf/1/const",keyword:"const",params:{allowedValue: "auto"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid0 = _errs23 === errors;
valid7 = valid7 || _valid0;
}
if(!valid7){
const err16 = {instancePath:instancePath+"/workers",schemaPath:"#/properties/workers/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
}
}
if(data.healthCheck !== undefined){
if(!(validate60(data.healthCheck, {instancePath:instancePath+"/healthCheck",parentData:data,parentDataProperty:"healthCheck",rootData}))){
vErrors = vErrors === null ? validate60.errors : vErrors.concat(validate60.errors);
errors = vErrors.length;
}
}
if(data.replicationCheck !== undefined){
let data15 = data.replicationCheck;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
for(const key1 in data15){
if(!(key1 === "periodMs")){
const err17 = {instancePath:instancePath+"/replicationCheck",schemaPath:"#/properties/replicationCheck/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data15.periodMs !== undefined){
if(!(validate33(data15.periodMs, {instancePath:instancePath+"/replicationCheck/periodMs",parentData:data15,parentDataProperty:"periodMs",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
}
else {
const err18 = {instancePath:instancePath+"/replicationCheck",schemaPath:"#/properties/replicationCheck/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.monitor !== undefined){
if(!(validate69(data.monitor, {instancePath:instancePath+"/monitor",parentData:data,parentDataProperty:"monitor",rootData}))){
vErrors = vErrors === null ? validate69.errors : vErrors.concat(validate69.errors);
errors = vErrors.length;
}
}
if(data.failover !== undefined){
if(!(validate72(data.failover, {instancePath:instancePath+"/failover",parentData:data,parentDataProperty:"failover",rootData}))){
vErrors = vErrors === null ? validate72.errors : vErrors.concat(validate72.errors);
errors = vErrors.length;
}
}
if(data.replication !== undefined){
if(!(validate74(data.replication, {instancePath:instancePath+"/replication",parentData:data,parentDataProperty:"replication",rootData}))){
vErrors = vErrors === null ? validate74.errors : vErrors.concat(validate74.errors);
errors = vErrors.length;
}
}
if(data.dns !== undefined){
if(!(validate76(data.dns, {instancePath:instancePath+"/dns",parentData:data,parentDataProperty:"dns",rootData}))){
vErrors = vErrors === null ? validate76.errors : vErrors.concat(validate76.errors);
errors = vErrors.length;
}
}
if(data.watchdog !== undefined){
if(!(validate78(data.watchdog, {instancePath:instancePath+"/watchdog",parentData:data,parentDataProperty:"watchdog",rootData}))){
vErrors = vErrors === null ? validate78.errors : vErrors.concat(validate78.errors);
errors = vErrors.length;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}

export const validateRouterDocument = validate97;

function validate97(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema16.properties, key0))){
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
const err2 = {instancePath:instancePath+"/disableLoadBalanceOnWrite",schemaPath:"#/properties/disableLoadBalanceOnWrite/enum",keyword:"enum",params:{allowedValues: schema16.properties.disableLoadBalanceOnWrite.enum},message:"must be equal to one of the allowed values"};
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
if(!(validate50(data2[key1], {instancePath:instancePath+"/dmlAdaptiveDependencies/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data2,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/dmlAdaptiveDependencies",schemaPath:"#/properties/dmlAdaptiveDependencies/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.writeFunctions !== undefined){
if(!(validate50(data.writeFunctions, {instancePath:instancePath+"/writeFunctions",parentData:data,parentDataProperty:"writeFunctions",rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
if(data.readOnlyFunctions !== undefined){
if(!(validate50(data.readOnlyFunctions, {instancePath:instancePath+"/readOnlyFunctions",parentData:data,parentDataProperty:"readOnlyFunctions",rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
if(data.primaryRoutingPatterns !== undefined){
if(!(validate50(data.primaryRoutingPatterns, {instancePath:instancePath+"/primaryRoutingPatterns",parentData:data,parentDataProperty:"primaryRoutingPatterns",rootData}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
if(data.statementLevelLoadBalance !== undefined){
if(typeof data.statementLevelLoadBalance !== "boolean"){
const err4 = {instancePath:instancePath+"/statementLevelLoadBalance",schemaPath:"#/properties/statementLevelLoadBalance/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.redirectPreferences !== undefined){
let data8 = data.redirectPreferences;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key2 in data8){
if(!(((key2 === "applicationName") || (key2 === "database")) || (key2 === "user"))){
const err5 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data8.applicationName !== undefined){
if(!(validate55(data8.applicationName, {instancePath:instancePath+"/redirectPreferences/applicationName",parentData:data8,parentDataProperty:"applicationName",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
if(data8.database !== undefined){
if(!(validate55(data8.database, {instancePath:instancePath+"/redirectPreferences/database",parentData:data8,parentDataProperty:"database",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
if(data8.user !== undefined){
if(!(validate55(data8.user, {instancePath:instancePath+"/redirectPreferences/user",parentData:data8,parentDataProperty:"user",rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
}
else {
const err6 = {instancePath:instancePath+"/redirectPreferences",schemaPath:"#/properties/redirectPreferences/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.delayThreshold !== undefined){
let data12 = data.delayThreshold;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err7 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err8 = {instancePath:instancePath+"/delayThreshold",schemaPath:"#/properties/delayThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.delayThresholdByTime !== undefined){
let data13 = data.delayThresholdByTime;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err9 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 < 0 || isNaN(data13)){
const err10 = {instancePath:instancePath+"/delayThresholdByTime",schemaPath:"#/properties/delayThresholdByTime/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.preferLowerDelayStandby !== undefined){
if(typeof data.preferLowerDelayStandby !== "boolean"){
const err11 = {instancePath:instancePath+"/preferLowerDelayStandby",schemaPath:"#/properties/preferLowerDelayStandby/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.classificationCacheSize !== undefined){
let data15 = data.classificationCacheSize;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err12 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 1 || isNaN(data15)){
const err13 = {instancePath:instancePath+"/classificationCacheSize",schemaPath:"#/properties/classificationCacheSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate97.errors = vErrors;
return errors === 0;
}

