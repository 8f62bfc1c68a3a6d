# The channel list, a page at a time.
chl-show-more = Show { $count } more
