# The man page's pipeline: what kubectl apply -f - would receive is one
# List, each item with the caspian labels.
caspian-dispatch --defaults defaults.json jobs.json <plan.json |
    jq -r '.kind, (.items[] | [.kind, .metadata.namespace, .metadata.name,
    .metadata.labels["caspian-job"], .metadata.labels["caspian-region"],
    (.spec.components[0].template.spec.template.spec.containers[0] |
    .image, (.resources.requests | tostring))] | join(" "))'
