#!/usr/bin/env python3
"""Validate Kubernetes objects (a v1 List, one object, or several files)
against the AppWrapper CRDs (YAML) of a directory, the way the API server
would: the CRD's openAPIV3Schema for the object's version, plus the name
and label syntax the server checks.  Prints one line per object and exits
1 if any is invalid.

usage: validate-appwrapper.py CRD_DIR [FILE ...]   (no FILE: stdin)
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

DNS1123 = re.compile(r'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')
LABEL_VALUE = re.compile(r'^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$')
LABEL_NAME = re.compile(r'^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$')


def load_crds(d):
    schemas = {}
    for path in sorted(glob.glob(os.path.join(d, '*crd*.yaml'))):
        with open(path) as f:
            for doc in yaml.safe_load_all(f):
                if not doc or doc.get('kind') != 'CustomResourceDefinition':
                    continue
                spec = doc['spec']
                for v in spec['versions']:
                    key = (spec['group'] + '/' + v['name'],
                           spec['names']['kind'])
                    schemas[key] = v['schema']['openAPIV3Schema']
    return schemas


def check_labels(labels, where, errors):
    for k, v in (labels or {}).items():
        prefix, _, name = k.rpartition('/')
        if len(name) > 63 or not LABEL_NAME.match(name):
            errors.append('%s: bad label key %r' % (where, k))
        if prefix and (len(prefix) > 253 or not all(
                DNS1123.match(p) for p in prefix.split('.'))):
            errors.append('%s: bad label key prefix %r' % (where, k))
        if not isinstance(v, str) or len(v) > 63 or not LABEL_VALUE.match(v):
            errors.append('%s: bad label value %r' % (where, v))


def check_meta(meta, where, errors):
    name = meta.get('name', '')
    if len(name) > 63 or not DNS1123.match(name):
        errors.append('%s: metadata.name %r is not a DNS-1123 label'
                      % (where, name))
    check_labels(meta.get('labels'), where + '.metadata.labels', errors)
    for k, v in (meta.get('annotations') or {}).items():
        if not isinstance(v, str):
            errors.append('%s: annotation %r is not a string' % (where, k))


def wrapped_jobs(obj):
    spec = obj.get('spec', {})
    for c in spec.get('components', []):
        yield c.get('template', {})
    for g in spec.get('resources', {}).get('GenericItems', []):
        yield g.get('generictemplate', {})


def validate(obj, schemas, where):
    errors = []
    key = (obj.get('apiVersion'), obj.get('kind'))
    if key not in schemas:
        return ['%s: no CRD for %s %s' % (where, key[1], key[0])]
    v = jsonschema.Draft4Validator(schemas[key])
    for e in sorted(v.iter_errors(obj), key=lambda e: list(e.path)):
        errors.append('%s.%s: %s' % (where, '.'.join(map(str, e.path)),
                                     e.message))
    meta = obj.get('metadata', {})
    check_meta(meta, where, errors)
    labels = meta.get('labels') or {}
    for l in ('caspian-job', 'caspian-region'):
        if l not in labels:
            errors.append('%s: no %s label' % (where, l))
    jobs = list(wrapped_jobs(obj))
    if not jobs:
        errors.append('%s: wraps nothing' % where)
    for i, job in enumerate(jobs):
        w = '%s.job[%d]' % (where, i)
        if (job.get('apiVersion'), job.get('kind')) != ('batch/v1', 'Job'):
            errors.append('%s: not a batch/v1 Job' % w)
            continue
        check_meta(job.get('metadata', {}), w, errors)
        pod = job.get('spec', {}).get('template', {}).get('spec', {})
        if pod.get('restartPolicy') not in ('Never', 'OnFailure'):
            errors.append('%s: a Job needs restartPolicy Never or '
                          'OnFailure' % w)
        for c in pod.get('containers', []) or [None]:
            if not c or not c.get('image') or not c.get('name'):
                errors.append('%s: a container needs a name and an image'
                              % w)
    return errors


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    schemas = load_crds(sys.argv[1])
    files = sys.argv[2:] or ['-']
    bad = 0
    for path in files:
        text = sys.stdin.read() if path == '-' else open(path).read()
        doc = json.loads(text)
        items = doc['items'] if doc.get('kind') == 'List' else [doc]
        for i, obj in enumerate(items):
            name = obj.get('metadata', {}).get('name', '?')
            errors = validate(obj, schemas, 'items[%d]' % i)
            if errors:
                bad += 1
                print('invalid %s %s %s' % (obj.get('kind'),
                      obj.get('apiVersion'), name))
                for e in errors:
                    print('  ' + e)
            else:
                print('valid %s %s %s' % (obj.get('kind'),
                      obj.get('apiVersion'), name))
    sys.exit(1 if bad else 0)


main()
