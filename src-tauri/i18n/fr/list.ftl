# La liste des canaux, une page à la fois.
chl-show-more = Afficher { $count } de plus
