# A --carbons file with a bad point is named in the message.
echo '{"carbons": [{"region": "XX", "slot": 0, "ci_gco2_per_kwh": 1}]}' >bad.tmp
caspian-plan --carbons bad.tmp synthetic.json
echo "exit $?"
rm -f bad.tmp
