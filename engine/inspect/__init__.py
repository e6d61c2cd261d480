"""The math behind every look-inside view: kernel banks, feature maps, receptive fields and
traces of single values. Qt-free; panels only draw what these functions return."""
