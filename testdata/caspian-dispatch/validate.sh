# Every object for both API versions and every slot of the plan is valid
# against the bundled CRDs (tests/validate-appwrapper.py: jsonschema on the
# CRD's openAPIV3Schema, plus name and label syntax).
for api in v1beta2 v1beta1; do
	for slot in 0 1 2; do
		echo "# --api $api --slot $slot"
		caspian-dispatch --api $api --slot $slot --defaults defaults.json \
		    jobs.json <plan.json |
		    python3 ../../tests/validate-appwrapper.py "$SHARED/appwrapper" ||
		    echo "exit $?"
	done
done
