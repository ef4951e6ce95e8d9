# The validator is not a rubber stamp: broken objects are refused.
v() { python3 ../../tests/validate-appwrapper.py "$SHARED/appwrapper"; echo "exit $?"; }
caspian-dispatch --api v1beta1 --defaults defaults.json jobs.json <plan.json >v1.tmp
caspian-dispatch --defaults defaults.json jobs.json <plan.json >v2.tmp
# MCAD requires requests in custompodresources; quantities are checked.
jq '.items |= .[:1] | del(.items[0].spec.resources.GenericItems[0].custompodresources[0].requests) |
    .items[0].spec.resources.GenericItems[0].custompodresources[0].limits.cpu = "two"' v1.tmp | v
# v1beta2 requires components; names must be DNS-1123 labels.
jq '.items |= .[:2] | del(.items[0].spec.components) | .items[1].metadata.name = "Train_Model"' v2.tmp | v
# An unknown group has no CRD.
jq '.items |= .[:1] | .items[0].apiVersion = "mcad.ibm.com/v1beta1"' v2.tmp | v
rm -f v1.tmp v2.tmp
