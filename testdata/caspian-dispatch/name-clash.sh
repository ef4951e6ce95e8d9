# Two ids that sanitize alike still get different names (the hash), and
# one plan may not hold the same job twice.
jq '.jobs += [{"job_id": "train-model-v2-1", "cpu": 1}, {"job_id": "TRAIN_MODEL/V2.1", "cpu": 1}]' jobs.json >clash-jobs.tmp
jq '.plans += [{"job_id": "train-model-v2-1", "region": "KR", "start_slot": 0}, {"job_id": "TRAIN_MODEL/V2.1", "region": "KR", "start_slot": 0}]' plan.json |
    caspian-dispatch --defaults defaults.json clash-jobs.tmp | jq -r '.items[] | "\(.metadata.annotations["caspian-job-id"]) -> \(.metadata.name)"'
rm -f clash-jobs.tmp
