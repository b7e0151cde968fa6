"""/resultats"""

from jnt_fresque.app.views import results

results.render()
