# The man page's example: plan, then list what starts at slot 0 per region.
caspian-plan synthetic.json |
    jq -r '.plans[] | select(.start_slot == 0) | "\(.region) \(.job_id)"'
